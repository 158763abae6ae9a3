using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Discounts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using Rules = PromoAdmin.Checkout.Rules;

namespace PromoAdmin.Domain.Redemptions;

/// <summary>
/// A code's verdict for a cart, with what was looked up to reach it. <see cref="UnknownCodes"/> counts the codes asked
/// for that do not exist (the code and the applied codes): they feed the guessing brake.
/// </summary>
public sealed record CheckoutVerdict(EvaluationResult Result, CheckoutCode? Code, string CodeText, int LocationId, int UnknownCodes = 0)
{
    public bool IsValid => Result.IsValid;
    /// <summary>Today at the location: the day the outcome is counted on.</summary>
    public DateOnly Day { get; init; }
    /// <summary>The location's time zone (IANA id).</summary>
    public string? TimeZone { get; init; }
}

/// <summary>
/// What checkout needs of a code: its rules, with quantity and status as read for this request. <see cref="Stamp"/> is the
/// row's UpdatedAt when the rules were read: every change of a code's own settings moves it. The rules also carry the
/// code's location time zone and assigned customer's key, which can lag their edits by up to 30 s (ADR-002).
/// </summary>
public sealed record CheckoutCode(int Id, string Code, string? Display, bool OneUsePerAccount, bool Combinable, DateTimeOffset Stamp, Rules.PromoCodeRules Rules)
{
    /// <summary>The code's campaign, whose budget its redemptions count against.</summary>
    public int? CampaignId { get; init; }
    public int? GroupId { get; init; }
    public int? BatchId { get; init; }

    /// <summary>The code targets or excludes catalog groups, so the cart's lines need theirs.</summary>
    public bool NamesGroups => Rules.ApplicableGroups.Count > 0 || Rules.ExcludedGroups.Count > 0;
}

/// <summary><see cref="Superseded"/>: the Idempotency-Key was taken over by a retry while this request worked; nothing was kept.</summary>
public enum RedeemOutcome { Redeemed, Rejected, Superseded }

/// <summary>
/// Writes the answer to a redeem inside its transaction (the Idempotency-Key's record), so that the redemption and its
/// answer commit together; false rolls the redemption back.
/// </summary>
public delegate Task<bool> RecordAnswer(RedeemResult result, CancellationToken ct);

public sealed record RedeemResult(RedeemOutcome Outcome, CheckoutVerdict Verdict, long? RedemptionId);

public sealed record VoidResult(long RedemptionId, bool VoidedNow, RedemptionStatus Status)
{
    /// <summary>When it was voided: now, or by an earlier void when <see cref="VoidedNow"/> is false.</summary>
    public DateTimeOffset? VoidedAt { get; init; }
    public string OrderNumber { get; init; } = "";
    public string CodeText { get; init; } = "";
}

/// <summary>
/// Validate, redeem and void against every rule: looks the code and the account's facts up, asks the pure evaluator,
/// and on redeem takes the usage in one transaction that can never oversell.
/// </summary>
public sealed class CheckoutService(
    PromoAdminDbContext db, IValidator<CheckoutRequest> validator, CodeStates codeStates, WriteGate writeGate, IMemoryCache cache, Audit.AuditLog audit, Users.Actor actor, TimeProvider clock,
    Reports.ValidationTally tally, Common.PromoAdminMetrics metrics)
{
    /// <summary>How far a redeem's purchaseAt may lie from now: an order sent late, or a clock a little ahead.</summary>
    public static readonly TimeSpan RedeemPastWindow = TimeSpan.FromHours(24), RedeemFutureSkew = TimeSpan.FromMinutes(5);

    /// <param name="withoutCart">Diagnose only: an empty cart is allowed, and the checks that need a cart say so on the page.</param>
    public async Task<CheckoutVerdict> EvaluateAsync(CheckoutRequest request, bool forRedeem = false, bool withoutCart = false, CancellationToken ct = default)
    {
        var context = new ValidationContext<CheckoutRequest>(request);
        if (forRedeem) context.RootContextData[CheckoutRequestValidator.RedeemKey] = true;
        if (withoutCart && !forRedeem) context.RootContextData[CheckoutRequestValidator.WithoutCartKey] = true;
        // The checkout's rules are all synchronous: the synchronous call skips FluentValidation's async machinery.
        var validation = validator.Validate(context);
        if (!validation.IsValid) throw DomainValidationException.From(validation);
        // Validate and Diagnose may ask about any moment; a redeem happens now, so its purchaseAt cannot move it into a weekend,
        // a happy hour or a date range that is not now (docs/rules.md#checkout-checks).
        if (forRedeem && request.PurchaseAt is { } at && (at < clock.GetUtcNow() - RedeemPastWindow || at > clock.GetUtcNow() + RedeemFutureSkew))
            throw new DomainValidationException("purchaseAt", "purchaseAt on a redeem must be within the last 24 hours and not in the future: a redemption happens now.");

        // With warm caches the only read is the code's live state (CodeStates), plus the account's use of a one-use code.
        var location = await CachedAsync("location:" + request.LocationKey,
                           () => db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Key == request.LocationKey, ct))
                       ?? throw new DomainValidationException("locationKey", LocationService.UnknownMessage(request.LocationKey));
        var code = await FindCodeAsync(location.Id, request.Code!, ct);
        var (cart, unknownApplied) = await CartAsync(location.Id, request, code is { NamesGroups: true }, ct);
        var customerKey = CustomerKeyOf(request);
        var settings = await CachedAsync("account-settings", () => db.AccountSettings.AsNoTracking().FirstOrDefaultAsync(ct));
        var purchasedAt = request.PurchaseAt ?? clock.GetUtcNow();
        var facts = new CustomerFacts
        {
            Key = customerKey,
            IsFirstOrder = request.Customer?.IsFirstOrder ?? false,
            HasUsedThisCode = code is { OneUsePerAccount: true } && customerKey is not null
                              && await db.AccountCodeUses.AnyAsync(u => u.PromoCodeId == code.Id && u.CustomerKey == customerKey, ct),
            UsesInPeriod = code?.Rules.UsesPerCustomer is not null && customerKey is not null
                ? await CustomerUsesAsync(code, customerKey, ct) : 0,
            CreditsEnabled = settings?.CreditsEnabled ?? true,
        };
        if (code?.CampaignId is int campaignId) code = code with { Rules = code.Rules with { Budget = await BudgetLeftAsync(campaignId, ct) } };
        var result = PromoCodeEvaluator.Evaluate(code?.Rules, cart, facts, purchasedAt);
        return new CheckoutVerdict(result, code, code?.Code ?? request.Code!.Trim(), location.Id, (code is null ? 1 : 0) + unknownApplied)
        {
            Day = PromoCodeStatus.Today(clock.GetUtcNow(), location.TimeZone), TimeZone = location.TimeZone,
        };
    }

    /// <summary>The checkout's validate: <see cref="EvaluateAsync"/>, its outcome counted for the reports.</summary>
    public async Task<CheckoutVerdict> ValidateAsync(CheckoutRequest request, CancellationToken ct = default)
    {
        var verdict = await EvaluateAsync(request, ct: ct);
        tally.Count(verdict, redeemed: false);
        return verdict;
    }

    /// <summary>
    /// Validates, then in one transaction takes one usage with a conditional decrement (never below zero, whatever the
    /// concurrency), records the redemption with a customer snapshot, and the account's use of a one-use code under a
    /// unique index, and with <paramref name="recordAnswer"/> the answer to its Idempotency-Key. Any failure rolls all of it
    /// back. The redemption remembers <paramref name="apiClientId"/>, the only client (with admin keys) that may void it.
    /// </summary>
    public async Task<RedeemResult> RedeemAsync(CheckoutRequest request, int? apiClientId = null, RecordAnswer? recordAnswer = null, CancellationToken ct = default)
    {
        var result = await TakeUsageAsync(request, apiClientId, recordAnswer, ct);
        // A superseded attempt answers what the retry that took its key over answers: that one is counted.
        if (result.Outcome != RedeemOutcome.Superseded) tally.Count(result.Verdict, redeemed: result.Outcome == RedeemOutcome.Redeemed, redeem: true);
        return result;
    }

    private async Task<RedeemResult> TakeUsageAsync(CheckoutRequest request, int? apiClientId, RecordAnswer? recordAnswer, CancellationToken ct)
    {
        var verdict = await EvaluateAsync(request, forRedeem: true, ct: ct);
        if (!verdict.IsValid) return new RedeemResult(RedeemOutcome.Rejected, verdict, null);
        var code = verdict.Code!;
        var discount = verdict.Result.Discount ?? Discount.None;
        var customerKey = CustomerKeyOf(request);
        var customer = customerKey is null ? null
            : await db.Customers.AsNoTracking().Where(c => c.Key == customerKey).Select(c => new { c.Name, c.Email, c.Phone }).FirstOrDefaultAsync(ct);
        var location = verdict.LocationId;

        using var gate = await writeGate.EnterAsync(db, ct);
        return await db.InTransactionAsync(async (tx, token) =>
        {
            // The write comes first: the transaction holds the write lock from here, and the guard makes the decrement exact.
            if (await InventoryUpdates.TakeOneAsync(db, code.Id, token) == 0)
            {
                await tx.RollbackAsync(token);
                return Rejected(verdict, RejectionReason.QuantityExhausted, RejectionMessages.QuantityExhausted);
            }
            // Uses per customer: the code's inventory row, just updated, is held until commit, so every other redeem of this code
            // waits here and this count is exact on every engine (docs/decisions/ADR-006-rules-that-do-not-leak-money.md).
            if (code.Rules.UsesPerCustomer is int limit && customerKey is not null
                && await CustomerUsesAsync(code, customerKey, token) >= limit)
            {
                await tx.RollbackAsync(token);
                return Rejected(verdict, RejectionReason.CustomerLimitReached, RejectionMessages.CustomerLimitReached(limit, code.Rules.UsesPerCustomerPeriod));
            }
            var redeemedAt = clock.GetUtcNow();
            var redemption = new Redemption
            {
                PromoCodeId = code.Id, CodeText = code.Code, LocationId = location, OrderNumber = request.OrderNumber!.Trim(),
                CustomerKey = customerKey, CustomerName = customer?.Name, CustomerEmail = customer?.Email, CustomerPhone = customer?.Phone,
                Discount = discount.Total, ShippingDiscount = discount.ShippingDiscount, CreditFromOverage = discount.CreditFromOverage,
                Status = RedemptionStatus.Applied, RedeemedAt = redeemedAt, ApiClientId = apiClientId, CampaignId = code.CampaignId,
                // One reading of the clock for both: the Redemptions page finds it by its day, the reports count it there.
                Day = PromoCodeStatus.Today(redeemedAt, verdict.TimeZone), GroupId = code.GroupId, BatchId = code.BatchId,
                Channel = request.Channel ?? RedemptionChannels.Online,
            };
            db.Redemptions.Add(redemption);
            await db.SaveChangesAsync(token);
            if (code.CampaignId is int campaignId && await TakeFromBudgetAsync(campaignId, redemption.Given, token) == 0)
            {
                await tx.RollbackAsync(token);
                db.ChangeTracker.Clear();
                return Rejected(verdict, RejectionReason.BudgetExhausted, RejectionMessages.BudgetExhausted);
            }
            if (code.OneUsePerAccount && customerKey is not null)
            {
                db.AccountCodeUses.Add(new AccountCodeUse { PromoCodeId = code.Id, CustomerKey = customerKey, RedemptionId = redemption.Id });
                try
                {
                    await db.SaveChangesAsync(token);
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
                {
                    await tx.RollbackAsync(token);
                    db.ChangeTracker.Clear();
                    return Rejected(verdict, RejectionReason.AlreadyUsedByAccount, RejectionMessages.AlreadyUsedByAccount);
                }
            }
            var redeemed = new RedeemResult(RedeemOutcome.Redeemed, verdict, redemption.Id);
            // With an Idempotency-Key, a retried attempt whose first commit did go through finds the key answered: its fence
            // fails and it rolls back, so a retry never redeems twice.
            if (recordAnswer is not null && !await recordAnswer(redeemed, token))
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return new RedeemResult(RedeemOutcome.Superseded, verdict, null);
            }
            await tx.CommitAsync(token);
            return redeemed;
        }, ct);
    }

    /// <summary>
    /// Gives the usage back exactly once; voiding a voided redemption changes nothing. A checkout client may void only its
    /// own redemptions (<paramref name="apiClientId"/>); another's is not found, as if it did not exist. Null: any (an admin).
    /// </summary>
    public async Task<VoidResult> VoidAsync(long redemptionId, int? apiClientId, CancellationToken ct = default)
    {
        var owner = await db.Redemptions.AsNoTracking().Where(r => r.Id == redemptionId).Select(r => new { r.ApiClientId, r.LocationId }).FirstOrDefaultAsync(ct);
        // Redemptions from before owners were recorded (ApiClientId null) stay voidable by any checkout key. A user limited to
        // some locations voids only what they can see: another location's redemption does not exist to them.
        if (owner is null || (apiClientId is not null && owner.ApiClientId is not null && owner.ApiClientId != apiClientId) || !actor.Sees(owner.LocationId))
            throw new NotFoundException($"Redemption {redemptionId} not found.");
        using var gate = await writeGate.EnterAsync(db, ct);
        var result = await db.InTransactionAsync(async (tx, token) =>
        {
            var now = clock.GetUtcNow();
            var voided = await db.Redemptions.Where(r => r.Id == redemptionId && r.Status == RedemptionStatus.Applied)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RedemptionStatus.Voided).SetProperty(r => r.VoidedAt, now), token);
            // The row and its location's key (for the void's audit entry) in one read: the write gate is held.
            var found = await db.Redemptions.AsNoTracking().Where(r => r.Id == redemptionId)
                            .Select(r => new { Redemption = r, LocationKey = db.Locations.Where(l => l.Id == r.LocationId).Select(l => l.Key).FirstOrDefault() })
                            .FirstOrDefaultAsync(token)
                        ?? throw new NotFoundException($"Redemption {redemptionId} not found.");
            var redemption = found.Redemption;
            if (voided == 1 && redemption.PromoCodeId is int codeId)
            {
                await InventoryUpdates.GiveBackOneAsync(db, codeId, token);
                await db.AccountCodeUses.Where(u => u.RedemptionId == redemptionId).ExecuteDeleteAsync(token);
            }
            if (voided == 1 && redemption.CampaignId is int campaignId)
            {
                var given = redemption.Given;
                await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.BudgetRedemptionsUsed, c => c.BudgetRedemptionsUsed > 0 ? c.BudgetRedemptionsUsed - 1 : 0)
                    .SetProperty(c => c.BudgetDiscountUsed, c => c.BudgetDiscountUsed > given ? c.BudgetDiscountUsed - given : 0m), token);
            }
            if (voided == 1)
            {
                // The void's entry, in the void's transaction (docs/rules.md#audit); redeem and validate write none.
                audit.Record(Audit.AuditEntities.Redemption, redemption.Id, redemption.CodeText, Audit.AuditActions.Void, found.LocationKey,
                    [new Audit.AuditChange("status", "applied", "voided")]);
                await db.SaveChangesAsync(token);
            }
            await tx.CommitAsync(token);
            return new VoidResult(redemptionId, voided == 1, redemption.Status)
            {
                VoidedAt = redemption.VoidedAt, OrderNumber = redemption.OrderNumber, CodeText = redemption.CodeText,
            };
        }, ct);
        if (result.VoidedNow) metrics.Voided(); // after the commit: a retried transaction counts once
        return result;
    }

    /// <summary>
    /// The location's own code first, then another location's all-locations code; never a code of an unfinished batch.
    /// Quantity and status are read fresh every time; the rules come from a per-instance cache while the row's UpdatedAt
    /// stamp still matches, so an edit of the code is seen on the next request by every instance (an edit of its location's
    /// time zone or its customer's key within 30 s).
    /// </summary>
    public async Task<CheckoutCode?> FindCodeAsync(int locationId, string typed, CancellationToken ct = default)
    {
        var normalized = PromoCode.Normalize(typed);
        CodeState? best = null;
        foreach (var s in await codeStates.ReadAsync(db, normalized, locationId, ct))
        {
            if (best is null || Rank(s) < Rank(best) || (Rank(s) == Rank(best) && s.Id < best.Id)) best = s;
        }
        if (best is null) return null;

        var key = "checkout-code:" + best.Id;
        if (!cache.TryGetValue(key, out CheckoutCode? definition) || definition!.Stamp != best.UpdatedAt)
        {
            var entity = await db.PromoCodes.AsNoTracking().Include(c => c.Location).Include(c => c.AssignedCustomer)
                .FirstOrDefaultAsync(c => c.Id == best.Id, ct);
            if (entity is null) return null; // deleted in between
            definition = new CheckoutCode(entity.Id, entity.Code, entity.Display, entity.OneUsePerAccount, entity.Combinable, entity.UpdatedAt, ToRules(entity))
            {
                CampaignId = entity.CampaignId, GroupId = entity.GroupId, BatchId = entity.BatchId,
            };
            cache.Set(key, definition, ReferenceCacheFor);
        }
        return definition with
        {
            Rules = definition.Rules with { QuantityRemaining = best.Quantity, Enabled = best.Enabled, Archived = best.IsArchived },
        };

        int Rank(CodeState s) => s.LocationId == locationId ? 0 : 1;
    }

    /// <summary>
    /// The customer's applied redemptions of the code since the current uses-per-customer period began. Uses are stamped
    /// with this clock (RedeemedAt), so the period is this clock's too, never the request's purchaseAt: an order dated
    /// ahead would otherwise find a period none of the uses stamped now fall in, and never reach the limit.
    /// </summary>
    private Task<int> CustomerUsesAsync(CheckoutCode code, string customerKey, CancellationToken ct)
    {
        var since = UsagePeriods.Start(code.Rules.UsesPerCustomerPeriod, clock.GetUtcNow(), code.Rules.TimeZoneId);
        var uses = db.Redemptions.Where(r => r.PromoCodeId == code.Id && r.CustomerKey == customerKey && r.Status == RedemptionStatus.Applied);
        if (since is { } start) uses = uses.Where(r => r.RedeemedAt >= start);
        return uses.CountAsync(ct);
    }

    /// <summary>What is left of the campaign's budget, read fresh; null when it has none.</summary>
    private async Task<Rules.BudgetLeft?> BudgetLeftAsync(int campaignId, CancellationToken ct)
    {
        var c = await db.Campaigns.AsNoTracking().Where(x => x.Id == campaignId)
            .Select(x => new { x.BudgetMaxDiscount, x.BudgetMaxRedemptions, x.BudgetDiscountUsed, x.BudgetRedemptionsUsed }).FirstOrDefaultAsync(ct);
        if (c is null || (c.BudgetMaxDiscount is null && c.BudgetMaxRedemptions is null)) return null;
        return new Rules.BudgetLeft(
            c.BudgetMaxRedemptions is int max ? Math.Max(0, max - c.BudgetRedemptionsUsed) : null,
            c.BudgetMaxDiscount is decimal money ? Math.Max(0m, money - c.BudgetDiscountUsed) : null);
    }

    /// <summary>
    /// Counts a redemption against its campaign in one guarded update: 0 rows when it would pass the budget. Every redeem of
    /// the campaign's codes updates the same row, so the check and the count are one atomic step on every engine.
    /// </summary>
    private Task<int> TakeFromBudgetAsync(int campaignId, decimal given, CancellationToken ct) =>
        db.Campaigns.Where(c => c.Id == campaignId
                                && (c.BudgetMaxRedemptions == null || c.BudgetRedemptionsUsed < c.BudgetMaxRedemptions)
                                && (c.BudgetMaxDiscount == null || c.BudgetDiscountUsed + given <= c.BudgetMaxDiscount))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.BudgetRedemptionsUsed, c => c.BudgetRedemptionsUsed + 1)
                .SetProperty(c => c.BudgetDiscountUsed, c => c.BudgetDiscountUsed + given), ct);

    private async Task<(Cart Cart, int UnknownApplied)> CartAsync(int locationId, CheckoutRequest request, bool withGroups, CancellationToken ct)
    {
        var unknown = 0;
        var lines = request.Lines!;
        var keys = lines.Select(l => l.ItemKey!).Distinct().ToList();
        var kinds = await ItemKindsAsync(keys, ct);
        // The account's groups matter only to a code that names groups (the built-in ones follow from each line's kind).
        var groups = withGroups ? await CatalogGroupCache.GroupsByItemAsync(db, cache, ct) : null;
        var applied = new List<AppliedCode>();
        foreach (var text in (request.AppliedCodes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
        {
            var other = await FindCodeAsync(locationId, text, ct);
            // A code we do not know cannot promise to stack: it answers as any code that does not combine.
            if (other is null) unknown++;
            applied.Add(new AppliedCode(text, other?.Combinable ?? false));
        }
        return (new Cart
        {
            Lines = lines.Select(l => new CartLine(l.LineId!, l.ItemKey!, KindOf(kinds.GetValueOrDefault(l.ItemKey!, CatalogItemKind.Item)),
                l.UnitPrice!.Value, l.Quantity!.Value, l.BookingDate,
                PromoCodeInput.TryParseTime(l.BookingStartTime, out var t) ? t : null)
            {
                Groups = groups?.GetValueOrDefault(l.ItemKey!) ?? [],
            }).ToList(),
            ShippingFee = request.Shipping,
            AppliedCodes = applied,
            Channel = request.Channel == "internal" ? SalesChannel.Internal : SalesChannel.Online,
        }, unknown);
    }

    private static Rules.PromoCodeRules ToRules(PromoCode c) => new()
    {
        Code = c.Code, Display = c.Display, TimeZoneId = c.Location.TimeZone, Enabled = c.Enabled, Archived = c.IsArchived, InternalOnly = c.InternalOnly,
        QuantityRemaining = c.Inventory.Quantity,
        RedemptionType = c.RedemptionType == PromoCodes.RedemptionType.Value ? Rules.RedemptionType.Value : Rules.RedemptionType.Percentage,
        ValueType = c.ValueType switch
        {
            PromoCodes.ValueScope.PerTransaction => Rules.ValueScope.PerTransaction,
            PromoCodes.ValueScope.PerQuantity => Rules.ValueScope.PerQuantity,
            _ => Rules.ValueScope.PerLineItem,
        },
        // Sets: each line asks them once or twice per request (keys compare exactly, as in the catalog).
        Amount = c.Amount, DiscountLimit = c.DiscountLimit, Combinable = c.Combinable, ApplicableTo = c.ApplicableTo.ToHashSet(StringComparer.Ordinal),
        ApplicableGroups = c.ApplicableGroups.ToHashSet(StringComparer.Ordinal), ExcludedItems = c.ExcludedItems.ToHashSet(StringComparer.Ordinal),
        ExcludedGroups = c.ExcludedGroups.ToHashSet(StringComparer.Ordinal), IncludeGiftCards = c.IncludeGiftCards,
        PurchaseDaysOfWeek = DaysOf(c.PurchaseDaysOfWeek), PurchaseTimeStart = c.PurchaseTimeStart, PurchaseTimeEnd = c.PurchaseTimeEnd,
        UsesPerCustomer = c.UsesPerCustomer,
        UsesPerCustomerPeriod = c.UsesPerCustomerPeriod switch
        {
            UsagePeriod.Day => Rules.UsagePeriod.Day,
            UsagePeriod.Week => Rules.UsagePeriod.Week,
            UsagePeriod.Month => Rules.UsagePeriod.Month,
            _ => Rules.UsagePeriod.Ever,
        },
        ApplyOnlyToApplicable = c.ApplyOnlyToApplicable, PurchaseStart = c.PurchaseStart, PurchaseEnd = c.PurchaseEnd,
        BookingStart = c.BookingStart, BookingEnd = c.BookingEnd, BookingTimeStart = c.BookingTimeStart, BookingTimeEnd = c.BookingTimeEnd,
        DaysOfWeek = DaysOf(c.DaysOfWeek), ExclusionDates = c.ExclusionDates,
        EligibilityRules = c.EligibilityRules.Select(Rules.EligibilityRule (r) => r.Type == EligibilityRuleType.BuyXGetY
            ? new Rules.BuyXGetYRule(r.BuyQuantity ?? 1, r.GetQuantity ?? 1, r.GetPercentOff ?? 100, r.BuyItems, r.GetItems)
            : new Rules.MinimumQuantityRule(r.Minimum ?? 1)).ToList(),
        FirstOrderOnly = c.FirstOrderOnly, OneUsePerAccount = c.OneUsePerAccount, OrderMinimum = c.OrderMinimum, FreeShipping = c.FreeShipping,
        CreditFromOverage = c.CreditFromOverage, AssignedCustomerKey = c.AssignedCustomer?.Key,
    };

    // Locations, settings, item kinds and a code's location time zone and assigned customer change rarely: a short cache
    // keeps the checkout to one narrow query for the code. The code's quantity, status and UpdatedAt are always read fresh.
    private static readonly TimeSpan ReferenceCacheFor = TimeSpan.FromSeconds(30);

    private async Task<T?> CachedAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        if (cache.TryGetValue(key, out T? hit)) return hit;
        var value = await load();
        if (value is not null) cache.Set(key, value, ReferenceCacheFor);
        return value;
    }

    private async Task<Dictionary<string, CatalogItemKind>> ItemKindsAsync(List<string> keys, CancellationToken ct)
    {
        // SQL Server finds a key whatever its case and answers the catalog's spelling: look it up the same way here.
        var kinds = new Dictionary<string, CatalogItemKind>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (cache.TryGetValue("item-kind:" + key, out CatalogItemKind kind)) kinds[key] = kind;
            else missing.Add(key);
        }
        if (missing.Count == 0) return kinds;
        var found = await db.CatalogItems.AsNoTracking().Where(i => missing.Contains(i.Key)).Select(i => new { i.Key, i.Kind }).ToListAsync(ct);
        foreach (var item in found)
        {
            kinds[item.Key] = item.Kind;
            cache.Set("item-kind:" + item.Key, item.Kind, ReferenceCacheFor);
        }
        return kinds;
    }

    private static List<DayOfWeek> DaysOf(BookingDays days)
    {
        var result = new List<DayOfWeek>();
        DayOfWeek[] order = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        for (var i = 0; i < 7; i++) if (days.HasFlag((BookingDays)(1 << i))) result.Add(order[i]);
        return result;
    }

    private static ItemKind KindOf(CatalogItemKind kind) => kind switch
    {
        CatalogItemKind.Event => ItemKind.Event,
        CatalogItemKind.GiftCard => ItemKind.GiftCard,
        _ => ItemKind.Item,
    };

    private static string? CustomerKeyOf(CheckoutRequest request) =>
        string.IsNullOrWhiteSpace(request.Customer?.Key) ? null : request.Customer.Key.Trim();

    private static RedeemResult Rejected(CheckoutVerdict verdict, RejectionReason reason, string message)
    {
        var result = verdict.Result with { Errors = [new Rejection(reason, message)], Discount = null };
        return new RedeemResult(RedeemOutcome.Rejected, verdict with { Result = result }, null);
    }
}
