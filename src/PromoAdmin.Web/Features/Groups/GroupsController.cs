using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;
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

/// <summary>The promo code groups tab: reusable templates that pre-fill new codes (docs/glossary.md).</summary>
[Route("promo-code-groups")]
public sealed class GroupsController(PromoCodeGroupService groups, PromoCodeService codes, CodeSettingsForm settings, CurrentLocation currentLocation) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var result = await groups.ListAsync(search, new PageRequest(page, pageSize), ct);
        var counts = await currentLocation.GetAsync(ct) is { } current
            ? await codes.CountByGroupAsync(current.Id, result.Items.Select(g => g.Id).ToList(), ct) : [];
        var rows = result.Items.Select(g => new GroupRow(g, counts.GetValueOrDefault(g.Id),
            g.HasDefaultSettings ? SettingFields.LabelsOf(SettingFields.GivenIn(PromoCodeGroupService.ReadDefaults(g))) : [])).ToList();
        return View(new GroupListModel(result, rows, search, new Pager(result.PageNumber, result.PageSize, result.Total, Request)));
    }

    [HttpGet("create"), Authorize(Policy = Policies.ManageCodes)]
    public Task<IActionResult> Create(CancellationToken ct)
    {
        var form = new GroupForm();
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
        return await EditView(form, ct);
    }

    [HttpPost("save"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Save(GroupForm form, CancellationToken ct)
    {
        var pick = SettingsPick.GroupDefaults(form.DefaultFields);
        if (await settings.CommandAsync(ModelState, form.Command, form.Defaults, pick, ct) is not null) return await EditView(form, ct);
        if (!CodeSettingsForm.Check(ModelState, "Defaults", form.Defaults, pick)) return await EditView(form, ct);

        var picked = form.DefaultFields;
        var defaults = picked.Count == 0 ? null : SettingFields.Only(form.Defaults.ToInput(), picked);
        var input = new PromoCodeGroupInput(form.Name, form.Description, defaults);
        try
        {
            if (form.Id is int id) await groups.UpdateAsync(id, input, ct);
            else await groups.CreateAsync(input, ct);
        }
        catch (DomainValidationException ex)
        {
            CodeSettingsForm.AddErrors(ModelState, ex, "", "name", "description", "defaults");
            return await EditView(form, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = form.Id is null ? $"Promo code group {form.Name} created." : $"Promo code group {form.Name} updated.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> EditView(GroupForm form, CancellationToken ct)
    {
        await settings.PrepareAsync(ViewData, form.Defaults, new SettingsView(SettingsMode.Group, form.DefaultFields), ct);
        return View("Edit", form);
    }
}
