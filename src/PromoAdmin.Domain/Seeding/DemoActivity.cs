using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Domain.Reports;

namespace PromoAdmin.Domain.Seeding;

/// <summary>
/// The demo's last 90 days: redemptions of its codes (a few voided) and the checkout's counted outcomes, so that a new user
/// sees filled reports. The same every time (a fixed seed), and consistent with the rules: each code's uses, quantity and
/// campaign budget count exactly its applied redemptions, and a one-use-per-account code is used once per account.
/// </summary>
internal static class DemoActivity
{
    public const int Days = 90;

    private sealed record Plan(PromoCode Code, Location At, double PerDay, Func<Random, decimal> Discount, Func<DayOfWeek, bool>? On = null, int? Most = null);

    public static async Task AddAsync(PromoAdminDbContext db, DateTimeOffset now, IReadOnlyList<Location> locations, IReadOnlyList<PromoCode> codes,
        IReadOnlyList<Customer> customers, IReadOnlyList<Campaign> campaigns, CancellationToken ct)
    {
        static bool Weekend(DayOfWeek d) => d is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var random = new Random(2026);
        PromoCode Code(string text) => codes.Single(c => c.Code == text);
        Location At(string key) => locations.Single(l => l.Key == key);
        decimal Percent(Random r, decimal pct) => Math.Round(r.Next(20, 121) * pct / 100m, 2);
        Plan[] plans =
        [
            new(Code("SUMMER10"), At("downtown"), 4.5, r => Percent(r, 10)),
            new(Code("MERCH20"), At("downtown"), 2.5, r => Percent(r, 20), On: Weekend),
            new(Code("WEEKEND5"), At("downtown"), 1.2, _ => 5m, On: Weekend, Most: 60),
            new(Code("HAPPYHOUR"), At("downtown"), 1.5, r => Percent(r, 15), On: d => !Weekend(d)),
            new(Code("COMEBACK10"), At("lakeside"), 1.8, _ => 10m),
            new(Code("EVERYWHERE15"), At("lakeside"), 2.0, r => Percent(r, 15)),
            new(Code("EVERYWHERE15"), At("harbor"), 1.5, r => Percent(r, 15)),
            new(Code("SORRY20"), At("downtown"), 0.3, _ => 20m),
        ];
        var order = 1000;
        var nextCustomer = 0;
        var redemptions = new List<Redemption>();
        for (var daysAgo = Days - 1; daysAgo >= 0; daysAgo--)
        {
            foreach (var plan in plans)
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.At.TimeZone);
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(-daysAgo);
                var weekend = Weekend(day.DayOfWeek);
                if (plan.On is { } on && !on(day.DayOfWeek)) continue;
                // Busier at weekends and a little busier each week: the trend a chart should show.
                var expected = plan.PerDay * (weekend ? 1.6 : 1.0) * (0.7 + 0.6 * (Days - daysAgo) / Days);
                var count = (int)Math.Floor(expected + random.NextDouble());
                for (var i = 0; i < count; i++)
                {
                    if (plan.Most is int most && redemptions.Count(r => r.PromoCodeId == plan.Code.Id) >= most) break;
                    var local = day.ToDateTime(new TimeOnly(plan.Code.Code == "HAPPYHOUR" ? 16 : 10, 0)).AddMinutes(random.Next(plan.Code.Code == "HAPPYHOUR" ? 120 : 660));
                    var at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
                    if (at > now) continue;
                    var customer = customers[nextCustomer++ % customers.Count];
                    // One use per account: an account that used it is never picked for it again.
                    while (plan.Code.OneUsePerAccount && redemptions.Any(r => r.PromoCodeId == plan.Code.Id && r.CustomerKey == customer.Key))
                        customer = customers[nextCustomer++ % customers.Count];
                    var voided = random.Next(40) == 0;
                    redemptions.Add(new Redemption
                    {
                        PromoCodeId = plan.Code.Id, CodeText = plan.Code.Code, LocationId = plan.At.Id, OrderNumber = $"{plan.At.Key[..2].ToUpperInvariant()}-{order++}",
                        CustomerKey = customer.Key, CustomerName = customer.Name, CustomerEmail = customer.Email, CustomerPhone = customer.Phone,
                        Discount = plan.Discount(random), Status = voided ? RedemptionStatus.Voided : RedemptionStatus.Applied,
                        RedeemedAt = at, VoidedAt = voided ? at.AddHours(2) < now ? at.AddHours(2) : now : null, CampaignId = plan.Code.CampaignId,
                        Day = day, GroupId = plan.Code.GroupId, BatchId = plan.Code.BatchId,
                        Channel = plan.Code.InternalOnly ? RedemptionChannels.Internal : RedemptionChannels.Online,
                    });
                }
            }
        }
        db.Redemptions.AddRange(redemptions);
        await db.SaveChangesAsync(ct); // their ids, for the accounts' uses below

        // What the redemptions used: each code's uses and quantity, and its campaign's budget (voided ones gave theirs back).
        foreach (var applied in redemptions.Where(r => r.Status == RedemptionStatus.Applied).GroupBy(r => r.PromoCodeId!.Value))
        {
            var code = codes.Single(c => c.Id == applied.Key);
            code.Inventory.TimesUsed += applied.Count();
            if (code.Inventory.Quantity is int quantity) code.Inventory.Quantity = quantity - applied.Count();
            if (code.CampaignId is int campaignId && campaigns.Single(c => c.Id == campaignId) is var campaign)
            {
                campaign.BudgetRedemptionsUsed += applied.Count();
                campaign.BudgetDiscountUsed += applied.Sum(r => r.Given);
            }
        }
        // The accounts that used a one-use-per-account code.
        db.AccountCodeUses.AddRange(redemptions.Where(r => r.Status == RedemptionStatus.Applied && codes.Single(c => c.Id == r.PromoCodeId).OneUsePerAccount)
            .Select(r => new AccountCodeUse { PromoCodeId = r.PromoCodeId!.Value, CustomerKey = r.CustomerKey!, RedemptionId = r.Id }));

        // The checkout's outcomes on those days: more validations than redemptions, and the usual refusals.
        (string Outcome, string? Code, double PerDay)[] refusals =
        [
            (RejectionReason.CodeNotFound.Code, null, 3.0), (RejectionReason.OrderMinimumNotMet.Code, "SUMMER10", 0.8),
            (RejectionReason.PurchaseTimeNotAllowed.Code, "HAPPYHOUR", 1.4), (RejectionReason.PurchaseDayNotAllowed.Code, "MERCH20", 0.9),
            (RejectionReason.CustomerLimitReached.Code, "COMEBACK10", 0.4), (RejectionReason.InternalOnly.Code, "SORRY20", 0.2),
            (RejectionReason.CodeArchived.Code, "SPRING2026", 0.5),
        ];
        var counts = new Dictionary<ValidationTally.Key, long>();
        void Count(int locationId, DateOnly day, string outcome, int codeId, long n)
        {
            if (n <= 0) return;
            var key = new ValidationTally.Key(locationId, day, outcome, codeId);
            counts[key] = counts.GetValueOrDefault(key) + n;
        }
        foreach (var r in redemptions)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.RedeemedAt, TimeZoneInfo.FindSystemTimeZoneById(locations.Single(l => l.Id == r.LocationId).TimeZone)).DateTime);
            Count(r.LocationId, day, ValidationCount.Redeemed, r.PromoCodeId!.Value, 1);
            Count(r.LocationId, day, ValidationCount.Valid, r.PromoCodeId!.Value, 1 + random.Next(2));
        }
        foreach (var location in locations)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(location.TimeZone);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            for (var daysAgo = Days - 1; daysAgo >= 0; daysAgo--)
                foreach (var (outcome, text, perDay) in refusals)
                {
                    var code = text is null ? null : codes.Single(c => c.Code == text);
                    if (code is not null && code.LocationId != location.Id && !code.AllLocations) continue;
                    Count(location.Id, today.AddDays(-daysAgo), outcome, code?.Id ?? 0, (long)Math.Floor(perDay + random.NextDouble()));
                }
        }
        db.ValidationCounts.AddRange(counts.Select(c => new ValidationCount
        {
            LocationId = c.Key.LocationId, Day = c.Key.Day, Outcome = c.Key.Outcome, PromoCodeId = c.Key.PromoCodeId, Count = c.Value,
        }));
        await db.SaveChangesAsync(ct);
    }
}
