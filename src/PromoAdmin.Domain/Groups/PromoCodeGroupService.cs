using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Groups;

public sealed record PromoCodeGroupInput(string? Name, string? Description, PromoCodeInput? Defaults);

public sealed class PromoCodeGroupInputValidator : AbstractValidator<PromoCodeGroupInput>
{
    public PromoCodeGroupInputValidator(IValidator<PromoCodeInput> codeFields)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(1000);
        RuleFor(x => x.Defaults!).SetValidator(codeFields).When(x => x.Defaults is not null);
        RuleFor(x => x.Defaults!.Code).Empty().WithMessage("A group's defaults cannot include the code itself.").When(x => x.Defaults is not null);
        RuleFor(x => x.Defaults!.GroupId).Null().WithMessage("A group's defaults cannot name a group.").When(x => x.Defaults is not null);
    }
}

public sealed class PromoCodeGroupService(PromoAdminDbContext db, IValidator<PromoCodeGroupInput> validator, AuditLog audit, TimeProvider clock)
{
    public Task<Page<PromoCodeGroup>> ListAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = db.PromoCodeGroups.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.WhereAnyContains(db, search, g => g.Name);
        }
        return query.OrderBy(g => g.Name).ThenBy(g => g.Id).ToPageAsync(page, ct);
    }

    public Task<List<PromoCodeGroup>> AllAsync(CancellationToken ct = default) =>
        db.PromoCodeGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct);

    public Task<PromoCodeGroup?> FindAsync(int id, CancellationToken ct = default) =>
        db.PromoCodeGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);

    public async Task<PromoCodeGroup> CreateAsync(PromoCodeGroupInput input, CancellationToken ct = default)
    {
        await validator.EnsureValidAsync(input, ct);
        return await audit.SaveNewAsync(async token =>
        {
            var group = new PromoCodeGroup { Name = input.Name!.Trim(), CreatedAt = clock.GetUtcNow() };
            Apply(group, input);
            db.PromoCodeGroups.Add(group);
            await db.SaveOrDuplicateAsync("name", $"A group named '{group.Name}' already exists.", token);
            return group;
        }, group => audit.Record(AuditEntities.Group, group.Id, group.Name, AuditActions.Create,
            changes: AuditLog.Diff(null, new { group.Name, group.Description, Defaults = group.DefaultsJson })), ct);
    }

    /// <summary>Changes the group; codes created from its defaults earlier keep their own copies.</summary>
    public async Task<PromoCodeGroup> UpdateAsync(int id, PromoCodeGroupInput input, CancellationToken ct = default)
    {
        await validator.EnsureValidAsync(input, ct);
        var group = await db.PromoCodeGroups.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException($"Promo code group {id} not found.");
        group.Name = input.Name!.Trim();
        Apply(group, input);
        audit.Record(AuditEntities.Group, group.Id, group.Name, AuditActions.Update, changes: audit.TrackedChanges(group));
        await db.SaveOrDuplicateAsync("name", $"A group named '{group.Name}' already exists.", ct);
        return group;
    }

    public static PromoCodeInput ReadDefaults(PromoCodeGroup group) =>
        string.IsNullOrEmpty(group.DefaultsJson) ? new PromoCodeInput()
            : JsonSerializer.Deserialize<PromoCodeInput>(group.DefaultsJson, PromoCodeService.Json) ?? new PromoCodeInput();

    private static void Apply(PromoCodeGroup group, PromoCodeGroupInput input)
    {
        group.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        var defaults = input.Defaults is null ? null : input.Defaults with { Code = null, GroupId = null, LocationKey = null, DuplicateTo = null, ApplyGroupDefaults = null };
        var json = defaults is null ? null : JsonSerializer.Serialize(defaults, PromoCodeService.Json);
        group.DefaultsJson = json is null or "{}" ? null : json;
    }
}
