using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Domain.PromoCodes;

/// <summary>
/// Which active codes of a location to change (by groups, by codes, or all) and which fields to set to which values; or, with
/// <paramref name="ApplyGroupDefaults"/>, by groups only and no fields: each group's default settings on its codes.
/// </summary>
public sealed record BulkUpdateRequest(string? LocationKey, List<int>? GroupIds, List<int>? CodeIds, bool All, IReadOnlyCollection<string> Fields, PromoCodeInput Values,
    bool ApplyGroupDefaults = false);

/// <summary>The request's shape: one selection, known fields, list sizes within <see cref="Bounds"/>.</summary>
public sealed class BulkUpdateRequestValidator : AbstractValidator<BulkUpdateRequest>
{
    public BulkUpdateRequestValidator()
    {
        RuleFor(r => r).Must(r => (r.GroupIds is { Count: > 0 } ? 1 : 0) + (r.CodeIds is { Count: > 0 } ? 1 : 0) + (r.All ? 1 : 0) == 1)
            .OverridePropertyName("selection")
            .WithMessage("Pick the codes to update: by promo code group, individual promo codes, or all promo codes.");
        RuleFor(r => r.CodeIds).Must(ids => ids is not { Count: > Bounds.MaxBulkCodeIds })
            .WithMessage($"Pick at most {Bounds.MaxBulkCodeIds:N0} codes, or update them by group or all at once.");
        RuleFor(r => r.GroupIds).Must(ids => ids is not { Count: > Bounds.MaxListItems }).WithMessage($"Pick at most {Bounds.MaxListItems:N0} groups.");
        RuleFor(r => r.Fields).NotEmpty().WithMessage("Pick at least one field to update.")
            .Must(fields => fields.All(SettingFields.BulkJsonNames.Contains))
            .WithMessage(r => $"These fields cannot be bulk updated: {string.Join(", ", r.Fields.Where(f => !SettingFields.BulkJsonNames.Contains(f)))}.")
            .When(r => !r.ApplyGroupDefaults);
        RuleFor(r => r.ApplyGroupDefaults).Must((r, _) => r.GroupIds is { Count: > 0 } && r.CodeIds is not { Count: > 0 } && !r.All)
            .WithMessage("Default settings from a group apply only to codes picked by promo code group: pick at least one group.")
            .When(r => r.ApplyGroupDefaults);
        RuleFor(r => r.ApplyGroupDefaults).Must((r, _) => r.Fields.Count == 0)
            .WithMessage("Default settings from a group set the fields each group holds: pick no fields with them.")
            .When(r => r.ApplyGroupDefaults);
    }
}

/// <summary>
/// Bulk update (docs/rules.md#bulk-update): every selected code at once, in one set-based statement, all or nothing.
/// Which fields can be set and how comes from <see cref="SettingFields"/>.
/// </summary>
public sealed class BulkUpdateService(
    PromoAdminDbContext db, IValidator<PromoCodeInput> validator, IValidator<BulkUpdateRequest> requestValidator, LocationService locations,
    PromoCodeService codes, AuditLog audit, TimeProvider clock, Users.Actor actor)
{
    public async Task<int> UpdateAsync(BulkUpdateRequest request, CancellationToken ct = default)
    {
        var shape = await requestValidator.ValidateAsync(request, ct);
        var location = await locations.FindByKeyAsync(request.LocationKey, ct);
        if (location is null) shape.Errors.Insert(0, new FluentValidation.Results.ValidationFailure("locationKey", LocationService.UnknownMessage(request.LocationKey)));
        if (!shape.IsValid) throw DomainValidationException.From(shape);
        if (request.ApplyGroupDefaults) return await ApplyGroupDefaultsAsync(request.GroupIds!, location!, ct);
        var fields = await CheckValuesAsync(request.Fields, request.Values, ct);

        var selection = await codes.OwnQueryAsync(new PromoCodeFilter(location!.Id), ct);
        if (request.GroupIds is { Count: > 0 } groupIds) selection = selection.Where(c => c.GroupId != null && EF.Parameter(groupIds).Contains(c.GroupId.Value));
        // One parameter holding the list (json_each / OPENJSON): thousands of ids would pass SQL Server's 2,100-parameter limit.
        if (request.CodeIds is { Count: > 0 } codeIds) selection = selection.Where(c => EF.Parameter(codeIds).Contains(c.Id));

        return await SetAsync(selection, fields, request.Values, count =>
        {
            // One entry for the whole set: the count and the fields set, committed with the change (docs/rules.md#audit).
            var selected = request.All ? "all codes" : request.GroupIds is { Count: > 0 } g ? $"groups {string.Join(", ", g)}" : $"{request.CodeIds!.Count} picked codes";
            audit.Record(AuditEntities.PromoCode, null, selected, AuditActions.BulkUpdate, location.Key,
                AuditLog.Values(request.Values, fields.Order(StringComparer.Ordinal)), count);
        }, ct);
    }

    /// <summary>
    /// "Apply default settings from group" (docs/rules.md#bulk-update): each picked group's stored defaults, for the fields a bulk
    /// update can set, on that group's selected codes. The same checks as picked fields, group by group, before anything changes;
    /// then one statement per group, one transaction and one entry for the whole operation.
    /// </summary>
    private async Task<int> ApplyGroupDefaultsAsync(List<int> groupIds, Location location, CancellationToken ct)
    {
        var groups = await db.PromoCodeGroups.AsNoTracking().Where(g => EF.Parameter(groupIds).Contains(g.Id)).OrderBy(g => g.Id).ToListAsync(ct);
        if (groupIds.Except(groups.Select(g => g.Id)).ToList() is { Count: > 0 } unknown)
            throw new DomainValidationException("groupIds", $"Unknown promo code groups: {string.Join(", ", unknown)}.");
        var own = await codes.OwnQueryAsync(new PromoCodeFilter(location.Id), ct);
        var sets = new List<(int GroupId, FieldSet Set)>();
        foreach (var group in groups)
        {
            var defaults = PromoCodeGroupService.ReadDefaults(group);
            var given = SettingFields.Bulk.Where(f => f.IsGivenIn(defaults)).SelectMany(f => f.JsonNames).ToList();
            if (given.Count == 0) continue;
            var groupId = group.Id;
            var selection = own.Where(c => c.GroupId == groupId);
            try
            {
                var fields = await CheckValuesAsync(given, defaults, ct);
                await CheckSelectionAsync(selection, fields, defaults, ct);
                sets.Add((groupId, new FieldSet(selection, fields, defaults)));
            }
            catch (DomainValidationException ex)
            {
                // The values are the group's, not the request's: the message says which group to fix.
                throw new DomainValidationException(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(m => $"Group {group.Name}'s defaults: {m}").ToArray()));
            }
        }
        if (sets.Count == 0)
            throw new DomainValidationException("groupIds", "None of the picked groups has default settings a bulk update can set: pick the fields to update instead.");

        return await WriteAsync([.. sets.Select(s => s.Set)], count =>
        {
            // One entry for the whole operation (docs/rules.md#audit): each group's fields, named with the group they came from.
            var changes = new List<AuditChange> { new("applyGroupDefaults", null, "true") };
            foreach (var (groupId, set) in sets)
                changes.AddRange(AuditLog.Values(set.Values, set.Fields.Order(StringComparer.Ordinal)).Select(c => c with { Field = $"{c.Field} (group {groupId})" }));
            // Named by the groups whose defaults were applied, not every group asked for.
            audit.Record(AuditEntities.PromoCode, null, $"groups {string.Join(", ", sets.Select(s => s.GroupId))}", AuditActions.BulkUpdate, location.Key, changes, count);
        }, ct);
    }

    /// <summary>
    /// A batch's settings (docs/rules.md#batches): the same fields, checks and statement as a bulk update, on every code of the
    /// batch (archived ones too), with one entry on the batch. <see cref="Batches.BatchService"/> has checked the batch is ready
    /// and the actor's to change; <paramref name="fieldNames"/> are the JSON names the caller gave.
    /// </summary>
    internal async Task<int> UpdateBatchAsync(int batchId, string batchName, string locationKey, IReadOnlyCollection<string> fieldNames, PromoCodeInput values,
        CancellationToken ct)
    {
        if (fieldNames.Count == 0) throw new DomainValidationException("fields", "Pick at least one field to change.");
        var refused = fieldNames.Where(f => !SettingFields.BulkJsonNames.Contains(f)).Distinct().ToList();
        // Each refused name is its own error, under its own name, so that the caller sees which one.
        if (refused.Count > 0)
            throw new DomainValidationException(refused.ToDictionary(f => f, f => new[] { $"{f} cannot be set on every code of a batch; only the fields of a bulk update can." }));
        var fields = await CheckValuesAsync(fieldNames, values, ct);
        return await SetAsync(db.PromoCodes.Where(c => c.BatchId == batchId), fields, values, count =>
            audit.Record(AuditEntities.Batch, batchId, batchName, AuditActions.Settings, locationKey, AuditLog.Values(values, fields.Order(StringComparer.Ordinal)), count), ct);
    }

    /// <summary>
    /// The values validated like a code's, only for the picked fields; pairs travel together: setting one end of a range sets
    /// the other (to blank when not given). Returns the JSON names that will be set.
    /// </summary>
    private async Task<HashSet<string>> CheckValuesAsync(IEnumerable<string> fieldNames, PromoCodeInput values, CancellationToken ct)
    {
        var fields = SettingFields.ByJsonNames(fieldNames).SelectMany(f => f.JsonNames).ToHashSet();
        var result = await validator.ValidateAsync(values with { Code = null, LocationKey = null, DuplicateTo = null }, ct);
        var relevant = result.Errors.Where(e => fields.Contains(DomainValidationException.ToCamelPath(e.PropertyName).Split('[', '.')[0])).ToList();
        if (relevant.Count > 0) throw DomainValidationException.From(new FluentValidation.Results.ValidationResult(relevant));
        if (fields.Contains("allLocations")) actor.EnsureMayShareEverywhere(values.AllLocations);
        return fields;
    }

    /// <summary>
    /// A code that names gift cards must apply to gift cards (docs/rules.md#settings): naming them on codes that do not, or
    /// turning gift cards off on codes that name them, is refused as it is on a single code.
    /// </summary>
    private async Task CheckGiftCardsAsync(IQueryable<PromoCode> selection, HashSet<string> fields, PromoCodeInput values, CancellationToken ct)
    {
        var setsInclude = fields.Contains("includeGiftCards") ? values.IncludeGiftCards == true : (bool?)null;
        if (setsInclude == true) return;
        var giftCards = await db.CatalogItems.Where(i => i.Kind == Catalog.CatalogItemKind.GiftCard).Select(i => i.Key).ToListAsync(ct);
        var namesGiftCards = (fields.Contains("applicableTo") && (values.ApplicableTo ?? []).Intersect(giftCards).Any())
                             || (fields.Contains("applicableGroups") && (values.ApplicableGroups ?? []).Contains(PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards));
        if (namesGiftCards && (setsInclude == false || await selection.AnyAsync(c => !c.IncludeGiftCards, ct)))
            throw new DomainValidationException(fields.Contains("applicableTo") ? "applicableTo" : "applicableGroups",
                "Gift cards are named, but some selected codes do not apply to gift cards: pick \"Applies to gift cards\" too.");
        if (setsInclude == false && giftCards.Count > 0
            && await selection.AnyAsync(c => c.ApplicableTo.Any(k => giftCards.Contains(k))
                                             || c.ApplicableGroups.Contains(PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards), ct))
            throw new DomainValidationException("includeGiftCards",
                "Some selected codes name gift cards in Applicable to or Applicable groups: they must keep applying to gift cards.");
    }

    /// <summary>Fields (JSON names) to set on a selection of codes, with their values.</summary>
    private sealed record FieldSet(IQueryable<PromoCode> Selection, HashSet<string> Fields, PromoCodeInput Values);

    /// <summary>
    /// Checks the rules that depend on the selected codes, then sets the fields on every selected code in one statement (the
    /// counters in one more) and records the one entry (<paramref name="record"/>, given the count) in the same transaction.
    /// </summary>
    private async Task<int> SetAsync(IQueryable<PromoCode> selection, HashSet<string> fields, PromoCodeInput values, Action<int> record, CancellationToken ct)
    {
        await CheckSelectionAsync(selection, fields, values, ct);
        return await WriteAsync([new FieldSet(selection, fields, values)], record, ct);
    }

    /// <summary>The rules that depend on the codes themselves, checked in the database before anything changes.</summary>
    private async Task CheckSelectionAsync(IQueryable<PromoCode> selection, HashSet<string> fields, PromoCodeInput values, CancellationToken ct)
    {
        var setsPercentage = fields.Contains("redemptionType") ? values.RedemptionType == RedemptionType.Percentage : (bool?)null;
        if (fields.Contains("amount") && values.Amount > 100
            && (setsPercentage == true || (setsPercentage is null && await selection.AnyAsync(c => c.RedemptionType == RedemptionType.Percentage, ct))))
            throw new DomainValidationException("amount", "A percentage discount cannot be more than 100%; some selected codes are percentage discounts.");
        if (setsPercentage == true && !fields.Contains("amount") && await selection.AnyAsync(c => c.Amount > 100, ct))
            throw new DomainValidationException("redemptionType", "Some selected codes have an amount over 100, which cannot be a percentage.");
        if (fields.Contains("usesPerCustomer") && values.UsesPerCustomer is not null && await selection.AnyAsync(c => c.OneUsePerAccount, ct))
            throw new DomainValidationException("usesPerCustomer",
                "Some selected codes allow one use per account, which already limits each customer: turn that off on them first.");
        await CheckGiftCardsAsync(selection, fields, values, ct);
    }

    /// <summary>
    /// Each set's fields on its selection, one statement each (the counters in one more), and the one entry (<paramref name="record"/>,
    /// given the count of codes changed), all in one transaction.
    /// </summary>
    private async Task<int> WriteAsync(IReadOnlyList<FieldSet> sets, Action<int> record, CancellationToken ct)
    {
        var now = clock.GetUtcNow();

        // A bulk update of every code of a location is one long statement on SQL Server: it gets minutes, not EF's 30 s default.
        if (!db.IsSqlite) db.Database.SetCommandTimeout(DbTransactions.LongStatementTimeout);
        return await LargeWrites.WithDeferredCheckpointAsync(db, () => db.InTransactionAsync(async (tx, token) =>
        {
            var count = 0;
            foreach (var (selection, fields, values) in sets)
            {
                var picked = SettingFields.ByJsonNames(fields);
                // The quantity first (its own table), while the selection still matches what the admin picked.
                if (fields.Contains("quantity")) await InventoryUpdates.SetAsync(db, selection.Select(c => c.Id), values.Quantity, token);
                // UpdatedAt moves: checkout's cached rules of each code are read again on its next request.
                count += await selection.ExecuteUpdateAsync(s =>
                {
                    s.SetProperty(c => c.UpdatedAt, now);
                    foreach (var field in picked) field.BulkSet!(s, values);
                    // A value code has no discount limit; a percentage code gives no credit from overage.
                    if (fields.Contains("redemptionType") && values.RedemptionType == RedemptionType.Value) s.SetProperty(c => c.DiscountLimit, (decimal?)null);
                    if (fields.Contains("redemptionType") && values.RedemptionType != RedemptionType.Value) s.SetProperty(c => c.CreditFromOverage, false);
                }, token);
            }
            record(count);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return count;
        }, ct), ct);
    }
}
