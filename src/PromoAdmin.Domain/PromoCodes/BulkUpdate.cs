using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>Which active codes of a location to change (by groups, by codes, or all) and which fields to set to which values.</summary>
public sealed record BulkUpdateRequest(string? LocationKey, List<int>? GroupIds, List<int>? CodeIds, bool All, IReadOnlyCollection<string> Fields, PromoCodeInput Values);

/// <summary>The seed's bulk update: every selected code at once, in one set-based statement, all or nothing.</summary>
public sealed class BulkUpdateService(PromoAdminDbContext db, IValidator<PromoCodeInput> validator, PromoCodeService codes, TimeProvider clock)
{
    /// <summary>The seed's bulk-update fields, by their JSON names ("Allowed purchase dates" is the start and end pair).</summary>
    public static readonly IReadOnlyList<string> AllowedFields =
    [
        "description", "redemptionType", "valueType", "amount", "quantity", "purchaseStart", "purchaseEnd", "combinable", "internalOnly",
        "allLocations", "applicableTo", "bookingStart", "bookingEnd", "bookingTimeStart", "bookingTimeEnd", "daysOfWeek", "exclusionDates", "groupId",
    ];

    public async Task<int> UpdateAsync(BulkUpdateRequest request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var location = string.IsNullOrEmpty(request.LocationKey) ? null : await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Key == request.LocationKey, ct);
        if (location is null) errors["locationKey"] = [$"Location '{request.LocationKey}' does not exist."];
        var selections = (request.GroupIds is { Count: > 0 } ? 1 : 0) + (request.CodeIds is { Count: > 0 } ? 1 : 0) + (request.All ? 1 : 0);
        if (selections != 1) errors["selection"] = ["Pick the codes to update: by promo code group, individual promo codes, or all promo codes."];
        if (request.CodeIds is { Count: > Bounds.MaxBulkCodeIds })
            errors["codeIds"] = [$"Pick at most {Bounds.MaxBulkCodeIds:N0} codes, or update them by group or all at once."];
        if (request.GroupIds is { Count: > Bounds.MaxListItems }) errors["groupIds"] = [$"Pick at most {Bounds.MaxListItems:N0} groups."];
        var unknown = request.Fields.Where(f => !AllowedFields.Contains(f)).ToList();
        if (unknown.Count > 0) errors["fields"] = [$"These fields cannot be bulk updated: {string.Join(", ", unknown)}."];
        if (request.Fields.Count == 0) errors["fields"] = ["Pick at least one field to update."];
        if (errors.Count > 0) throw new DomainValidationException(errors);
        var fields = request.Fields.ToHashSet();
        // Pairs travel together: setting one end of a range sets the other (to blank when not given).
        if (fields.Contains("purchaseStart") || fields.Contains("purchaseEnd")) fields.UnionWith(["purchaseStart", "purchaseEnd"]);
        if (fields.Contains("bookingStart") || fields.Contains("bookingEnd")) fields.UnionWith(["bookingStart", "bookingEnd"]);
        if (fields.Contains("bookingTimeStart") || fields.Contains("bookingTimeEnd")) fields.UnionWith(["bookingTimeStart", "bookingTimeEnd"]);

        var values = request.Values;
        var result = await validator.ValidateAsync(values with { Code = null, LocationKey = null, DuplicateTo = null }, ct);
        var relevant = result.Errors.Where(e => fields.Contains(DomainValidationException.ToCamelPath(e.PropertyName).Split('[', '.')[0])).ToList();
        if (relevant.Count > 0) throw DomainValidationException.From(new FluentValidation.Results.ValidationResult(relevant));

        var selection = await codes.OwnQueryAsync(new PromoCodeFilter(location!.Id), ct);
        if (request.GroupIds is { Count: > 0 } groupIds) selection = selection.Where(c => c.GroupId != null && EF.Parameter(groupIds).Contains(c.GroupId.Value));
        // One parameter holding the list (json_each / OPENJSON): thousands of ids would pass SQL Server's 2,100-parameter limit.
        if (request.CodeIds is { Count: > 0 } codeIds) selection = selection.Where(c => EF.Parameter(codeIds).Contains(c.Id));

        // Rules that depend on the codes themselves, checked in the database before anything changes.
        var setsPercentage = fields.Contains("redemptionType") ? values.RedemptionType == RedemptionType.Percentage : (bool?)null;
        if (fields.Contains("amount") && values.Amount > 100
            && (setsPercentage == true || (setsPercentage is null && await selection.AnyAsync(c => c.RedemptionType == RedemptionType.Percentage, ct))))
            throw new DomainValidationException("amount", "A percentage discount cannot be more than 100%; some selected codes are percentage discounts.");
        if (setsPercentage == true && !fields.Contains("amount") && await selection.AnyAsync(c => c.Amount > 100, ct))
            throw new DomainValidationException("redemptionType", "Some selected codes have an amount over 100, which cannot be a percentage.");

        var now = clock.GetUtcNow();
        var days = PromoCodeInput.ParseDays(values.DaysOfWeek);
        var timeStart = PromoCodeInput.TryParseTime(values.BookingTimeStart, out var ts) ? ts : (TimeOnly?)null;
        var timeEnd = PromoCodeInput.TryParseTime(values.BookingTimeEnd, out var te) ? te : (TimeOnly?)null;
        var applicable = values.ApplicableTo ?? [];
        var exclusions = (values.ExclusionDates ?? []).Distinct().Order().ToList();

        // A bulk update of every code of a location is one long statement on SQL Server: it gets minutes, not EF's 30 s default.
        if (!db.IsSqlite) db.Database.SetCommandTimeout(DbTransactions.LongStatementTimeout);
        return await db.InTransactionAsync(async (tx, token) =>
        {
            // The quantity first (its own table), while the selection still matches what the admin picked.
            if (fields.Contains("quantity")) await InventoryUpdates.SetAsync(db, selection.Select(c => c.Id), values.Quantity, token);
            var count = await selection.ExecuteUpdateAsync(s =>
            {
                s.SetProperty(c => c.UpdatedAt, now);
                if (fields.Contains("description")) s.SetProperty(c => c.Description, string.IsNullOrWhiteSpace(values.Description) ? null : values.Description.Trim());
                if (fields.Contains("redemptionType")) s.SetProperty(c => c.RedemptionType, values.RedemptionType ?? RedemptionType.Percentage);
                if (fields.Contains("valueType")) s.SetProperty(c => c.ValueType, values.ValueType ?? ValueScope.PerLineItem);
                if (fields.Contains("amount")) s.SetProperty(c => c.Amount, values.Amount ?? 0);
                if (fields.Contains("purchaseStart")) s.SetProperty(c => c.PurchaseStart, values.PurchaseStart).SetProperty(c => c.PurchaseEnd, values.PurchaseEnd);
                if (fields.Contains("combinable")) s.SetProperty(c => c.Combinable, values.Combinable ?? false);
                if (fields.Contains("internalOnly")) s.SetProperty(c => c.InternalOnly, values.InternalOnly ?? false);
                if (fields.Contains("allLocations")) s.SetProperty(c => c.AllLocations, values.AllLocations ?? false);
                if (fields.Contains("applicableTo")) s.SetProperty(c => c.ApplicableTo, applicable);
                if (fields.Contains("bookingStart")) s.SetProperty(c => c.BookingStart, values.BookingStart).SetProperty(c => c.BookingEnd, values.BookingEnd);
                if (fields.Contains("bookingTimeStart")) s.SetProperty(c => c.BookingTimeStart, timeStart).SetProperty(c => c.BookingTimeEnd, timeEnd);
                if (fields.Contains("daysOfWeek")) s.SetProperty(c => c.DaysOfWeek, days);
                if (fields.Contains("exclusionDates")) s.SetProperty(c => c.ExclusionDates, exclusions);
                if (fields.Contains("groupId")) s.SetProperty(c => c.GroupId, values.GroupId);
                // A value code has no discount limit; a percentage code gives no credit from overage.
                if (fields.Contains("redemptionType") && values.RedemptionType == RedemptionType.Value) s.SetProperty(c => c.DiscountLimit, (decimal?)null);
                if (fields.Contains("redemptionType") && values.RedemptionType != RedemptionType.Value) s.SetProperty(c => c.CreditFromOverage, false);
            }, token);
            await tx.CommitAsync(token);
            return count;
        }, ct);
    }
}
