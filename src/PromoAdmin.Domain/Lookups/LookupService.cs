using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Lookups;

/// <summary>A campaign's budget: either part may be left out (no limit).</summary>
public sealed record CampaignBudgetInput(decimal? MaxDiscountTotal, int? MaxRedemptions);

/// <summary>A campaign as clients send it; no budget means none (an update replaces it).</summary>
public sealed record CampaignInput(string? Name, CampaignBudgetInput? Budget = null);

public sealed class CampaignInputValidator : AbstractValidator<CampaignInput>
{
    public CampaignInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
        RuleFor(x => x.Budget!.MaxDiscountTotal).GreaterThan(0).WithMessage("The budget's discount total must be more than 0, or left blank for no limit.")
            .LessThanOrEqualTo(Bounds.MaxMoney).WithMessage($"The budget's discount total can be at most {Bounds.MaxMoney:N0}.")
            .Must(v => v is null || v == Math.Round(v.Value, 2)).WithMessage("The budget's discount total can have at most two decimal places.")
            .OverridePropertyName("budget.maxDiscountTotal").When(x => x.Budget is not null);
        RuleFor(x => x.Budget!.MaxRedemptions).GreaterThanOrEqualTo(1).WithMessage("The budget's redemptions must be at least 1, or left blank for no limit.")
            .LessThanOrEqualTo(Bounds.MaxQuantity).WithMessage($"The budget's redemptions can be at most {Bounds.MaxQuantity:N0}.")
            .OverridePropertyName("budget.maxRedemptions").When(x => x.Budget is not null);
    }
}

public sealed record LookupInput(LookupKind? Kind, string? Name);

public sealed class LookupInputValidator : AbstractValidator<LookupInput>
{
    public LookupInputValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("Kind is required: offerType, pnlAllocation or transactionType.")
            .IsInEnum().WithMessage("Kind must be offerType, pnlAllocation or transactionType.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
    }
}

public sealed class LookupService(PromoAdminDbContext db, IValidator<CampaignInput> campaignValidator, IValidator<LookupInput> lookupValidator, AuditLog audit)
{
    public Task<Page<Campaign>> ListCampaignsAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Campaigns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            query = query.Where(c => c.Name.ToLower().Contains(s));
        }
        return query.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(page, ct);
    }

    public Task<Campaign?> FindCampaignAsync(int id, CancellationToken ct = default) =>
        db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Campaign> CreateCampaignAsync(CampaignInput input, CancellationToken ct = default)
    {
        await campaignValidator.EnsureValidAsync(input, ct);
        return await audit.SaveNewAsync(async token =>
        {
            var campaign = new Campaign
            {
                Name = input.Name!.Trim(), BudgetMaxDiscount = input.Budget?.MaxDiscountTotal, BudgetMaxRedemptions = input.Budget?.MaxRedemptions,
            };
            db.Campaigns.Add(campaign);
            await db.SaveOrDuplicateAsync("name", $"A campaign named '{campaign.Name}' already exists.", token);
            return campaign;
        }, campaign => audit.Record(AuditEntities.Campaign, campaign.Id, campaign.Name, AuditActions.Create,
            changes: AuditLog.Diff(null, new { campaign.Name, campaign.BudgetMaxDiscount, campaign.BudgetMaxRedemptions })), ct);
    }

    public async Task<Campaign> UpdateCampaignAsync(int id, CampaignInput input, CancellationToken ct = default)
    {
        await campaignValidator.EnsureValidAsync(input, ct);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"Campaign {id} not found.");
        campaign.Name = input.Name!.Trim();
        campaign.BudgetMaxDiscount = input.Budget?.MaxDiscountTotal;
        campaign.BudgetMaxRedemptions = input.Budget?.MaxRedemptions;
        audit.Record(AuditEntities.Campaign, campaign.Id, campaign.Name, AuditActions.Update, changes: audit.TrackedChanges(campaign));
        await db.SaveOrDuplicateAsync("name", $"A campaign named '{campaign.Name}' already exists.", ct);
        return campaign;
    }

    public Task<Page<Lookup>> ListLookupsAsync(LookupKind? kind, string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Lookups.AsNoTracking();
        if (kind is { } k) query = query.Where(l => l.Kind == k);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            query = query.Where(l => l.Name.ToLower().Contains(s));
        }
        return query.OrderBy(l => l.Kind).ThenBy(l => l.Name).ThenBy(l => l.Id).ToPageAsync(page, ct);
    }

    public Task<Lookup?> FindLookupAsync(int id, CancellationToken ct = default) =>
        db.Lookups.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);

    public async Task<Lookup> CreateLookupAsync(LookupInput input, CancellationToken ct = default)
    {
        await lookupValidator.EnsureValidAsync(input, ct);
        return await audit.SaveNewAsync(async token =>
        {
            var lookup = new Lookup { Kind = input.Kind!.Value, Name = input.Name!.Trim() };
            db.Lookups.Add(lookup);
            await db.SaveOrDuplicateAsync("name", Duplicate(lookup), token);
            return lookup;
        }, lookup => audit.Record(AuditEntities.Lookup, lookup.Id, lookup.Name, AuditActions.Create,
            changes: AuditLog.Diff(null, new { lookup.Kind, lookup.Name })), ct);
    }

    public async Task<Lookup> UpdateLookupAsync(int id, LookupInput input, CancellationToken ct = default)
    {
        await lookupValidator.EnsureValidAsync(input, ct);
        var lookup = await db.Lookups.FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException($"Lookup {id} not found.");
        lookup.Kind = input.Kind!.Value;
        lookup.Name = input.Name!.Trim();
        audit.Record(AuditEntities.Lookup, lookup.Id, lookup.Name, AuditActions.Update, changes: audit.TrackedChanges(lookup));
        await db.SaveOrDuplicateAsync("name", Duplicate(lookup), ct);
        return lookup;
    }

    private static string Duplicate(Lookup l) => l.Kind switch
    {
        LookupKind.OfferType => $"An offer type named '{l.Name}' already exists.",
        LookupKind.PnlAllocation => $"A P&L allocation named '{l.Name}' already exists.",
        _ => $"A transaction type named '{l.Name}' already exists.",
    };
}
