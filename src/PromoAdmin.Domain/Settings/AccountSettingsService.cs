using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Domain.Settings;

/// <summary>The account settings as the page and <c>PUT /api/v1/settings</c> send them; null keeps the current value.</summary>
public sealed record AccountSettingsInput
{
    public bool? CreditsEnabled { get; init; }
    public string? Currency { get; init; }
    public decimal? ServiceMaxPercent { get; init; }
    public decimal? ServiceMaxAmount { get; init; }
    public int? ServiceMaxCodes { get; init; }
    public int? ServiceMaxUsesPerCode { get; init; }
    public int? ServiceMaxPurchaseEndDays { get; init; }
    /// <summary>An empty text clears the template (no link); null keeps it.</summary>
    public string? OrderLinkTemplate { get; init; }

    /// <summary>Every value of the settings: what the API answers and what the trail compares.</summary>
    public static AccountSettingsInput From(AccountSettings s) => new()
    {
        CreditsEnabled = s.CreditsEnabled, Currency = s.Currency, ServiceMaxPercent = s.ServiceMaxPercent, ServiceMaxAmount = s.ServiceMaxAmount,
        ServiceMaxCodes = s.ServiceMaxCodes, ServiceMaxUsesPerCode = s.ServiceMaxUsesPerCode, ServiceMaxPurchaseEndDays = s.ServiceMaxPurchaseEndDays,
        OrderLinkTemplate = s.OrderLinkTemplate,
    };
}

/// <summary>
/// The organisation's settings and the one home of the customer-service limits (docs/rules.md#customer-service-limits):
/// batch generation and cloning ask <see cref="EnsureWithinServiceLimitsAsync"/>, so the pages and the API refuse alike.
/// </summary>
public sealed class AccountSettingsService(PromoAdminDbContext db, Actor actor, AuditLog audit, TimeProvider clock)
{
    /// <summary>The ISO 4217 codes .NET knows a region for: what the currency field accepts.</summary>
    public static readonly IReadOnlySet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>().Where(c => c.Length == 3).ToHashSet(StringComparer.Ordinal);

    public async Task<AccountSettings> GetAsync(CancellationToken ct = default) =>
        await db.AccountSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? new AccountSettings();

    public async Task<AccountSettings> UpdateAsync(AccountSettingsInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var currency = input.Currency?.Trim().ToUpperInvariant();
        if (currency is not null && !Currencies.Contains(currency)) errors["currency"] = ["Enter a three-letter ISO 4217 currency code, such as USD or EUR."];
        if (input.ServiceMaxPercent is < 0 or > 100) errors["serviceMaxPercent"] = ["Enter a percent from 0 to 100."];
        if (input.ServiceMaxAmount is < 0 or > Bounds.MaxMoney) errors["serviceMaxAmount"] = [$"Enter an amount from 0 to {Bounds.MaxMoney:N0}."];
        if (input.ServiceMaxCodes is < 1 or > Batches.BatchRequestValidator.MaxCount) errors["serviceMaxCodes"] = [$"Enter a number of codes from 1 to {Batches.BatchRequestValidator.MaxCount:N0}."];
        if (input.ServiceMaxUsesPerCode is < 1 or > Bounds.MaxQuantity) errors["serviceMaxUsesPerCode"] = [$"Enter a number of uses from 1 to {Bounds.MaxQuantity:N0}."];
        if (input.ServiceMaxPurchaseEndDays is < 1 or > 3660) errors["serviceMaxPurchaseEndDays"] = ["Enter a number of days from 1 to 3,660."];
        var orderLink = input.OrderLinkTemplate?.Trim();
        if (OrderLink.Problem(orderLink) is { } problem) errors["orderLinkTemplate"] = [problem];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var settings = await db.AccountSettings.OrderBy(s => s.Id).FirstAsync(ct);
        var before = AccountSettingsInput.From(settings);
        settings.CreditsEnabled = input.CreditsEnabled ?? settings.CreditsEnabled;
        settings.Currency = currency ?? settings.Currency;
        settings.ServiceMaxPercent = input.ServiceMaxPercent ?? settings.ServiceMaxPercent;
        settings.ServiceMaxAmount = input.ServiceMaxAmount ?? settings.ServiceMaxAmount;
        settings.ServiceMaxCodes = input.ServiceMaxCodes ?? settings.ServiceMaxCodes;
        settings.ServiceMaxUsesPerCode = input.ServiceMaxUsesPerCode ?? settings.ServiceMaxUsesPerCode;
        settings.ServiceMaxPurchaseEndDays = input.ServiceMaxPurchaseEndDays ?? settings.ServiceMaxPurchaseEndDays;
        if (orderLink is not null) settings.OrderLinkTemplate = orderLink.Length == 0 ? null : orderLink;
        var changes = AuditLog.Diff(before, AccountSettingsInput.From(settings));
        if (changes.Count > 0) audit.Record(AuditEntities.Settings, settings.Id, "Account settings", AuditActions.Update, changes: changes);
        await db.SaveChangesAsync(ct);
        return settings;
    }

    /// <summary>
    /// Refuses a customer-service batch or clone outside the account's limits, naming the field and the limit; anyone else
    /// passes. <paramref name="count"/> is how many codes the request makes, reported on <paramref name="countField"/>.
    /// </summary>
    public async Task EnsureWithinServiceLimitsAsync(PromoCodeInput settings, int count, string countField, string prefix = "settings.", CancellationToken ct = default)
    {
        if (!actor.IsCustomerService) return;
        var limits = await GetAsync(ct);
        var errors = new Dictionary<string, string[]>();
        void Refuse(string field, string message) => errors[field] = [message + " (a customer-service limit in Account settings)."];
        var money = limits.Currency;
        if (count > limits.ServiceMaxCodes)
            Refuse(countField, $"Customer service can make at most {limits.ServiceMaxCodes:N0} codes at once");
        if ((settings.RedemptionType ?? RedemptionType.Percentage) == RedemptionType.Percentage)
        {
            if (settings.Amount > limits.ServiceMaxPercent)
                Refuse(prefix + "amount", $"Customer service can give at most {limits.ServiceMaxPercent:0.##}% off");
        }
        else
        {
            if (settings.Amount > limits.ServiceMaxAmount)
                Refuse(prefix + "amount", $"Customer service can give at most {limits.ServiceMaxAmount.ToString("#,0.##", CultureInfo.InvariantCulture)} {money} off per code");
            else if ((settings.ValueType ?? ValueScope.PerTransaction) != ValueScope.PerTransaction && !(settings.DiscountLimit <= limits.ServiceMaxAmount))
                Refuse(prefix + "discountLimit", $"Per item or per unit, customer service must set a discount limit of at most {limits.ServiceMaxAmount.ToString("#,0.##", CultureInfo.InvariantCulture)} {money}");
        }
        // A Buy X Get Y rule's free share counts as percent off: 100 is a free item.
        foreach (var (rule, i) in (settings.EligibilityRules ?? []).Select((r, i) => (r, i)))
            if ((rule.Type == EligibilityRuleType.BuyXGetY ? rule.GetPercentOff ?? 100 : 0) > limits.ServiceMaxPercent)
                Refuse($"{prefix}eligibilityRules[{i}].getPercentOff", $"Customer service can give at most {limits.ServiceMaxPercent:0.##}% off");
        if (settings.Quantity is not int uses || uses > limits.ServiceMaxUsesPerCode)
            Refuse(prefix + "quantity", $"Customer service codes can be used at most {limits.ServiceMaxUsesPerCode:N0} time{(limits.ServiceMaxUsesPerCode == 1 ? "" : "s")} each");
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(limits.ServiceMaxPurchaseEndDays);
        if (settings.PurchaseEnd is not DateOnly end || end > latest)
            Refuse(prefix + "purchaseEnd", $"Customer service codes need a purchase end date within {limits.ServiceMaxPurchaseEndDays:N0} days, by {latest:yyyy-MM-dd}");
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }
}
