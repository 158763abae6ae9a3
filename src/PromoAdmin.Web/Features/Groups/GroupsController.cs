using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.PromoCodes;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Groups;

public sealed record GroupRow(PromoCodeGroup Group, int ActiveCodes, IReadOnlyList<string> DefaultFields);

public sealed record GroupListModel(Page<PromoCodeGroup> Page, IReadOnlyList<GroupRow> Rows, string? Search, Pager Pager);

/// <summary>A group's name, description and default settings: any subset of the code form's settings, picked field by field.</summary>
public sealed class GroupForm
{
    public int? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    /// <summary>Keys of <see cref="SettingFields.GroupDefaults"/>.</summary>
    public List<string> DefaultFields { get; set; } = [];
    public PromoCodeForm Defaults { get; set; } = new();
    public string? Command { get; set; }
}

/// <summary>The seed's third tab: reusable templates that pre-fill new codes.</summary>
[Route("promo-code-groups")]
public sealed class GroupsController(PromoCodeGroupService groups, PromoCodeService codes, PromoAdminDbContext db, CurrentLocation currentLocation) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, int pageSize = 25, CancellationToken ct = default)
    {
        var result = await groups.ListAsync(search, new PageRequest(page, pageSize), ct);
        var counts = new Dictionary<int, int>();
        if (await currentLocation.GetAsync(ct) is { } current && result.Items.Count > 0)
        {
            var ids = result.Items.Select(g => g.Id).ToList();
            counts = await (await codes.QueryAsync(new PromoCodeFilter(current.Id, GroupIds: ids), ct))
                .GroupBy(c => c.GroupId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        }
        var rows = result.Items.Select(g => new GroupRow(g, counts.GetValueOrDefault(g.Id),
            g.HasDefaultSettings ? FieldLabels(SettingFields.GivenIn(PromoCodeGroupService.ReadDefaults(g))) : [])).ToList();
        return View(new GroupListModel(result, rows, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("create"), Authorize(Policy = Policies.ManageCodes)]
    public Task<IActionResult> Create(CancellationToken ct)
    {
        var form = new GroupForm();
        form.Defaults.EnsureBlankExclusionRow();
        return EditView(form, ct);
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var group = await groups.FindAsync(id, ct);
        if (group is null) return NotFound();
        var defaults = PromoCodeGroupService.ReadDefaults(group);
        var form = new GroupForm
        {
            Id = group.Id, Name = group.Name, Description = group.Description,
            DefaultFields = SettingFields.GivenIn(defaults), Defaults = new PromoCodeForm().Fill(defaults),
        };
        form.Defaults.EnsureBlankExclusionRow();
        return await EditView(form, ct);
    }

    [HttpPost("save"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Save(GroupForm form, CancellationToken ct)
    {
        var known = SettingFields.GroupDefaults.Select(f => f.Key).ToHashSet();
        form.DefaultFields = form.DefaultFields.Where(known.Contains).Distinct().ToList();
        switch (form.Command)
        {
            case "add-all-fields":
                form.DefaultFields = [.. known];
                ModelState.Clear();
                return await EditView(form, ct);
            case "pick-fields":
                ModelState.Clear();
                return await EditView(form, ct);
        }
        if (await SettingsCommands.ApplyAsync(form.Defaults, db, ct) is not null)
        {
            ModelState.Clear();
            return await EditView(form, ct);
        }

        var picked = form.DefaultFields.ToHashSet();
        foreach (var (field, message) in form.Defaults.ShapeErrors(picked.Contains)) ModelState.AddModelError("Defaults." + field, message);
        SettingsCommands.KeepPickedErrors(ModelState, "Defaults", SettingFields.GroupDefaults, picked);
        if (!ModelState.IsValid) return await EditView(form, ct);

        var defaults = picked.Count == 0 ? null : SettingFields.Only(form.Defaults.ToInput(), picked);
        var input = new PromoCodeGroupInput(form.Name, form.Description, defaults);
        try
        {
            if (form.Id is int id) await groups.UpdateAsync(id, input, ct);
            else await groups.CreateAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return await EditView(form, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = form.Id is null ? $"Promo code group {form.Name} created." : $"Promo code group {form.Name} updated.";
        return RedirectToAction(nameof(Index));
    }

    private static List<string> FieldLabels(IEnumerable<string> keys) =>
        SettingFields.GroupDefaults.Where(f => keys.Contains(f.Key)).Select(f => f.Label).ToList();

    private async Task<IActionResult> EditView(GroupForm form, CancellationToken ct)
    {
        form.Defaults.EnsureBlankExclusionRow();
        var picked = form.Defaults.ApplicableTo.Concat(form.Defaults.EligibilityRules.SelectMany(r => r.BuyItems.Concat(r.GetItems)));
        ViewData.SetOptions(await PromoCodeFormOptions.LoadAsync(db, currentLocation, picked, ct));
        ViewData.SetSettings(new SettingsView(SettingsMode.Group, form.DefaultFields));
        return View("Edit", form);
    }
}
