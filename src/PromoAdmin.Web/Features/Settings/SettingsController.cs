using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Settings;

public sealed class SettingsForm
{
    [Display(Name = "Credits enabled")]
    public bool CreditsEnabled { get; set; }
    public string? Currency { get; set; }
    public decimal? ServiceMaxPercent { get; set; }
    public decimal? ServiceMaxAmount { get; set; }
    public int? ServiceMaxCodes { get; set; }
    public int? ServiceMaxUsesPerCode { get; set; }
    public int? ServiceMaxPurchaseEndDays { get; set; }
    public string? OrderLinkTemplate { get; set; }

    public static SettingsForm From(AccountSettings s) => new()
    {
        CreditsEnabled = s.CreditsEnabled, Currency = s.Currency, ServiceMaxPercent = s.ServiceMaxPercent, ServiceMaxAmount = s.ServiceMaxAmount,
        ServiceMaxCodes = s.ServiceMaxCodes, ServiceMaxUsesPerCode = s.ServiceMaxUsesPerCode, ServiceMaxPurchaseEndDays = s.ServiceMaxPurchaseEndDays,
        OrderLinkTemplate = s.OrderLinkTemplate,
    };

    /// <summary>An emptied field is an error, not "keep the current value" (what null means to the API).</summary>
    public AccountSettingsInput ToInput() => new()
    {
        CreditsEnabled = CreditsEnabled, Currency = Currency ?? "", ServiceMaxPercent = ServiceMaxPercent ?? -1, ServiceMaxAmount = ServiceMaxAmount ?? -1,
        ServiceMaxCodes = ServiceMaxCodes ?? 0, ServiceMaxUsesPerCode = ServiceMaxUsesPerCode ?? 0, ServiceMaxPurchaseEndDays = ServiceMaxPurchaseEndDays ?? 0,
        // Except the order link template: emptied, it is cleared (no link).
        OrderLinkTemplate = OrderLinkTemplate ?? "",
    };
}

/// <summary>Account settings (Admin): credits, currency, the order link and the customer-service limits (docs/rules.md#customer-service-limits).</summary>
[Route("settings"), Authorize(Policy = Policies.Administer)]
public sealed class SettingsController(AccountSettingsService settings) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(SettingsForm.From(await settings.GetAsync(ct)));

    [HttpPost("")]
    public async Task<IActionResult> Save(SettingsForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid) return View("Index", form);
        try
        {
            await settings.UpdateAsync(form.ToInput(), ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View("Index", form);
        }
        TempData["Success"] = "Account settings saved.";
        return RedirectToAction(nameof(Index));
    }
}

/// <summary>The account settings over the API; a field left out keeps its value.</summary>
[Tags("Settings")]
[Route("api/v1/settings")]
public sealed class SettingsApiController(AccountSettingsService settings) : AdminApiController
{
    /// <summary>The account settings.</summary>
    [HttpGet]
    public async Task<AccountSettingsInput> Get(CancellationToken ct) => AccountSettingsInput.From(await settings.GetAsync(ct));

    /// <summary>Changes the account settings; a field left out keeps its value.</summary>
    [HttpPut]
    public async Task<AccountSettingsInput> Put(AccountSettingsInput input, CancellationToken ct) => AccountSettingsInput.From(await settings.UpdateAsync(input, ct));
}
