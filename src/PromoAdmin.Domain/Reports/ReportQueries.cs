using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;

namespace PromoAdmin.Domain.Reports;

/// <summary>What every report takes (docs/rules.md#reports): the last <see cref="Days"/> days (30 or 90), narrowed to a
/// location, a group, a campaign or a batch.</summary>
public sealed record ReportFilter(int? LocationId = null, int Days = 30, int? GroupId = null, int? CampaignId = null, int? BatchId = null)
{
    public static readonly int[] AllowedDays = [30, 90];
}

public sealed record DayTotal(DateOnly Day, int Redemptions, decimal Discount);

public sealed record CodeTotal(int PromoCodeId, string Code, int Redemptions, decimal Discount);

public sealed record TopCodes(IReadOnlyList<CodeTotal> ByRedemptions, IReadOnlyList<CodeTotal> ByDiscount);

public sealed record RefusalDay(DateOnly Day, string Reason, long Count);

public sealed record BatchUsageRow(int BatchId, string Name, int CodesTotal, int CodesRedeemed, decimal DiscountGiven);

public sealed record WatchedCode(int Id, string Code, DateOnly? PurchaseEnd, int? Remaining, int Used);

public sealed record ReportChoice(int Id, string Name);

/// <summary>What the Reports page's filter offers: every group and campaign, and the ready batches of the locations reported on.</summary>
public sealed record ReportChoices(IReadOnlyList<ReportChoice> Groups, IReadOnlyList<ReportChoice> Campaigns, IReadOnlyList<ReportChoice> Batches);

/// <summary>
/// The reports: redemptions and discount per day, top codes, refusals per reason per day, batch usage, and the codes to
/// watch (expiring within 7 days, less than 10% left). Days are the locations' calendar days, kept on each redemption and
/// counter when it happens. A user limited to some locations sees only theirs.
/// </summary>
public sealed class ReportQueries(PromoAdminDbContext db, Users.Actor actor, TimeProvider clock)
{
    public const int TopCount = 10, WatchCount = 50, ExpiringWithinDays = 7;

    /// <summary>
    /// The report's days: the last <see cref="ReportFilter.Days"/> up to today at the location; over several, up to the
    /// latest of their todays, so that no location's today is left out (a day is each location's own calendar day).
    /// </summary>
    public async Task<(DateOnly From, DateOnly To)> WindowAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var locations = await LocationsAsync(filter, ct);
        var zones = await db.Locations.AsNoTracking().Where(l => locations.Contains(l.Id)).Select(l => l.TimeZone).Distinct().ToListAsync(ct);
        var now = clock.GetUtcNow();
        var to = zones.Count == 0 ? PromoCodeStatus.Today(now, null) : zones.Max(z => PromoCodeStatus.Today(now, z));
        return (to.AddDays(1 - filter.Days), to);
    }

    /// <summary>The locations reported on: the one asked for, else every one the actor sees, by id (the reports' indexes lead with it).</summary>
    private async Task<List<int>> LocationsAsync(ReportFilter filter, CancellationToken ct) =>
        filter.LocationId is int location ? (actor.Sees(location) ? [location] : [])
        : actor.LocationIds is { } seen ? [.. seen]
        : await db.Locations.Select(l => l.Id).ToListAsync(ct);

    private async Task<IQueryable<Redemption>> RedemptionsAsync(ReportFilter filter, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var locations = await LocationsAsync(filter, ct);
        var query = db.Redemptions.AsNoTracking()
            .Where(r => locations.Contains(r.LocationId) && r.Day >= from && r.Day <= to && r.Status == RedemptionStatus.Applied);
        if (filter.GroupId is int group) query = query.Where(r => r.GroupId == group);
        if (filter.CampaignId is int campaign) query = query.Where(r => r.CampaignId == campaign);
        if (filter.BatchId is int batch) query = query.Where(r => r.BatchId == batch);
        return query;
    }

    /// <summary>Redemptions still applied and the discount they gave, each day of the window (days without any are zero).</summary>
    public async Task<List<DayTotal>> RedemptionsDailyAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var (from, to) = await WindowAsync(filter, ct);
        var days = (await (await RedemptionsAsync(filter, from, to, ct)).GroupBy(r => r.Day)
            .Select(g => new { Day = g.Key!.Value, Count = g.Count(), Discount = g.Sum(r => r.Discount) }).ToListAsync(ct)).ToDictionary(d => d.Day);
        return [.. Days(from, to).Select(d => days.TryGetValue(d, out var t) ? new DayTotal(d, t.Count, t.Discount) : new DayTotal(d, 0, 0m))];
    }

    /// <summary>The ten codes with the most redemptions, and the ten that gave the most discount, in the window.</summary>
    public async Task<TopCodes> TopCodesAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var (from, to) = await WindowAsync(filter, ct);
        var perCode = (await RedemptionsAsync(filter, from, to, ct)).Where(r => r.PromoCodeId != null).GroupBy(r => r.PromoCodeId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Discount = g.Sum(r => r.Discount) });
        var byCount = await perCode.OrderByDescending(c => c.Count).ThenBy(c => c.Id).Take(TopCount).ToListAsync(ct);
        var byDiscount = await perCode.OrderByDescending(c => c.Discount).ThenBy(c => c.Id).Take(TopCount).ToListAsync(ct);
        var ids = byCount.Select(c => c.Id).Union(byDiscount.Select(c => c.Id)).ToList();
        var texts = await db.PromoCodes.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Code }).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        CodeTotal Total(int id, int count, decimal discount) => new(id, texts.GetValueOrDefault(id) ?? "(deleted)", count, discount);
        return new TopCodes([.. byCount.Select(c => Total(c.Id, c.Count, c.Discount))], [.. byDiscount.Select(c => Total(c.Id, c.Count, c.Discount))]);
    }

    /// <summary>Checkouts refused, per day and reason (validations and redeems: docs/rules.md#reports).</summary>
    public async Task<List<RefusalDay>> RefusalsDailyAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var (from, to) = await WindowAsync(filter, ct);
        var locations = await LocationsAsync(filter, ct);
        var query = db.ValidationCounts.AsNoTracking().Where(c => locations.Contains(c.LocationId) && c.Day >= from && c.Day <= to
                                                                  && c.Outcome != ValidationCount.Valid && c.Outcome != ValidationCount.Redeemed);
        // Narrowed to codes: those of the group, campaign or batch now (a counter keeps no more than its code).
        if (filter.GroupId is not null || filter.CampaignId is not null || filter.BatchId is not null)
        {
            var codes = db.PromoCodes.Where(c => (filter.GroupId == null || c.GroupId == filter.GroupId)
                                                 && (filter.CampaignId == null || c.CampaignId == filter.CampaignId)
                                                 && (filter.BatchId == null || c.BatchId == filter.BatchId)).Select(c => c.Id);
            query = query.Where(c => codes.Contains(c.PromoCodeId));
        }
        var rows = await query.GroupBy(c => new { c.Day, c.Outcome }).Select(g => new { g.Key.Day, g.Key.Outcome, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Day).ThenBy(r => r.Outcome, StringComparer.Ordinal).Select(r => new RefusalDay(r.Day, r.Outcome, r.Count))];
    }

    /// <summary>
    /// Each ready batch of the locations, newest first: its codes, and of its redemptions in the window at those locations
    /// (voided ones aside, the group and campaign filters applied), the codes they used and the discount they gave.
    /// </summary>
    public async Task<List<BatchUsageRow>> BatchUsageAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var batches = db.Batches.AsNoTracking().Where(b => b.Status == Batches.BatchStatus.Ready);
        var locations = await LocationsAsync(filter, ct);
        batches = batches.Where(b => locations.Contains(b.LocationId));
        if (filter.BatchId is int only) batches = batches.Where(b => b.Id == only);
        var list = await batches.OrderByDescending(b => b.Id).Take(WatchCount).Select(b => new { b.Id, b.Name, b.GeneratedCount }).ToListAsync(ct);
        var ids = list.Select(b => (int?)b.Id).ToList();
        var (from, to) = await WindowAsync(filter, ct);
        var redemptions = db.Redemptions.AsNoTracking().Where(r => ids.Contains(r.BatchId) && r.Status == RedemptionStatus.Applied
                                                                  && locations.Contains(r.LocationId) && r.Day >= from && r.Day <= to);
        if (filter.GroupId is int group) redemptions = redemptions.Where(r => r.GroupId == group);
        if (filter.CampaignId is int campaign) redemptions = redemptions.Where(r => r.CampaignId == campaign);
        var used = await redemptions.GroupBy(r => r.BatchId!.Value)
            .Select(g => new { Id = g.Key, Codes = g.Select(r => r.PromoCodeId).Distinct().Count(), Discount = g.Sum(r => r.Discount) })
            .ToDictionaryAsync(u => u.Id, ct);
        return [.. list.Select(b => used.TryGetValue(b.Id, out var u)
            ? new BatchUsageRow(b.Id, b.Name, b.GeneratedCount, u.Codes, u.Discount) : new BatchUsageRow(b.Id, b.Name, b.GeneratedCount, 0, 0m))];
    }

    /// <summary>Active hand-made codes whose purchase window ends within 7 days, soonest first.</summary>
    public async Task<List<WatchedCode>> ExpiringSoonAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var (_, today) = await WindowAsync(filter, ct);
        var last = today.AddDays(ExpiringWithinDays);
        return await (await WatchedAsync(filter, ct)).Where(c => c.PurchaseEnd >= today && c.PurchaseEnd <= last)
            .OrderBy(c => c.PurchaseEnd).ThenBy(c => c.Id).Take(WatchCount)
            .Select(c => new WatchedCode(c.Id, c.Code, c.PurchaseEnd, c.Inventory.Quantity, c.Inventory.TimesUsed)).ToListAsync(ct);
    }

    /// <summary>Active hand-made codes with uses left but fewer than a tenth of their uses, fewest left first (in 64 bits: a
    /// quantity may be near int's limit).</summary>
    public async Task<List<WatchedCode>> RunningLowAsync(ReportFilter filter, CancellationToken ct = default) =>
        await (await WatchedAsync(filter, ct)).Where(c => c.Inventory.Quantity > 0 && c.Inventory.Quantity * 10L < c.Inventory.Quantity + (long)c.Inventory.TimesUsed)
            .OrderBy(c => c.Inventory.Quantity).ThenBy(c => c.Id).Take(WatchCount)
            .Select(c => new WatchedCode(c.Id, c.Code, c.PurchaseEnd, c.Inventory.Quantity, c.Inventory.TimesUsed)).ToListAsync(ct);

    /// <summary>
    /// Hand-made codes not archived, on their own partial index: a batch's million codes share their settings, and the
    /// batch usage report watches them as one.
    /// </summary>
    private async Task<IQueryable<PromoCode>> WatchedAsync(ReportFilter filter, CancellationToken ct)
    {
        var locations = await LocationsAsync(filter, ct);
        var codes = db.PromoCodes.AsNoTracking().Where(c => locations.Contains(c.LocationId) && c.BatchId == null && !c.IsArchived && c.Enabled);
        if (filter.GroupId is int group) codes = codes.Where(c => c.GroupId == group);
        if (filter.CampaignId is int campaign) codes = codes.Where(c => c.CampaignId == campaign);
        if (filter.BatchId is not null) codes = codes.Where(c => false);
        return codes;
    }

    /// <summary>The groups, campaigns and batches a report may be narrowed to (the Reports page's selects), by name.</summary>
    public async Task<ReportChoices> ChoicesAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var locations = await LocationsAsync(filter, ct);
        var groups = await db.PromoCodeGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new ReportChoice(g.Id, g.Name)).ToListAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.Name).Select(c => new ReportChoice(c.Id, c.Name)).ToListAsync(ct);
        var batches = await db.Batches.AsNoTracking().Where(b => b.Status == Batches.BatchStatus.Ready && locations.Contains(b.LocationId))
            .OrderByDescending(b => b.Id).Take(200).Select(b => new ReportChoice(b.Id, b.Name)).ToListAsync(ct);
        return new ReportChoices(groups, campaigns, batches);
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    /// <summary>
    /// Gives redemptions made before <see cref="Redemption.Day"/> existed their day, on their location's calendar, at
    /// start-up; a chunk at a time, after the last id done. Any instance may run it: each writes the same values.
    /// </summary>
    public static async Task BackfillDaysAsync(PromoAdminDbContext db, ILogger log, CancellationToken ct)
    {
        var zones = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.TimeZone, ct);
        long after = 0;
        var done = 0;
        while (true)
        {
            var rows = await db.Redemptions.AsNoTracking().Where(r => r.Day == null && r.Id > after).OrderBy(r => r.Id).Take(5_000)
                .Select(r => new { r.Id, r.LocationId, r.RedeemedAt }).ToListAsync(ct);
            if (rows.Count == 0) break;
            after = rows[^1].Id;
            foreach (var day in rows.GroupBy(r => PromoCodeStatus.Today(r.RedeemedAt, zones.GetValueOrDefault(r.LocationId))))
            {
                var ids = day.Select(r => r.Id).ToList();
                await db.Redemptions.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Day, day.Key), ct);
            }
            done += rows.Count;
        }
        if (done > 0) log.LogInformation("Gave {Count} earlier redemptions their location's day for the reports", done);
    }
}
