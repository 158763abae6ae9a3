using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.PromoCodes;

/// <summary>
/// The promo codes page: the two code tabs, the create/edit form, the row actions, bulk update and CSV.
/// Every rule lives in the domain services; this controller maps forms onto them and follows Post/Redirect/Get.
/// </summary>
[Route("promo-codes")]
public sealed class PromoCodesController(
    PromoCodeService codes, SettingOptionsService options, CodeSettingsForm settings, CurrentLocation currentLocation) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] BatchService batches, [FromServices] TimeProvider clock, string? tab, string? code, List<int>? groupId,
        int? batchId, string? status, string? source, string? sort, string? dir, int page = 1, int pageSize = PromoCodeListModel.DefaultPageSize,
        CancellationToken ct = default)
    {
        var archived = tab == "archived";
        var groupIds = groupId ?? [];
        if (!PromoCodeListModel.PageSizes.Contains(pageSize)) pageSize = PromoCodeListModel.DefaultPageSize;
        // A status the select does not offer (a hand-edited address) lists without it, as an unknown page size does.
        CodeStatus? statusFilter = !archived && PromoCodeStatus.TryParse(status, out var s) && PromoCodeListModel.StatusOptions.Contains(s) ? s : null;
        // So does an unknown source or sort.
        if (!PromoCodeOrder.TryParseSource(source, batchId, out var codeSource)) codeSource = PromoCodeOrder.UsualSource(batchId);
        if (!PromoCodeOrder.TryParse(sort, dir, out var order, out _)) order = PromoCodeOrder.Newest;
        var current = await currentLocation.GetAsync(ct);
        var result = current is null
            ? new Page<PromoCode>([], 1, pageSize, 0)
            : await codes.ListAsync(new PromoCodeFilter(current.Id, archived, code, groupIds, batchId, statusFilter, codeSource), new PageRequest(page, pageSize), order, ct);
        var items = await options.CatalogItemsAsync(result.Items.SelectMany(c => c.ApplicableTo).Distinct().ToList(), ct);
        var now = clock.GetUtcNow();
        var rows = result.Items.Select(c => new PromoCodeRow(c, c.LocationId == current?.Id, PromoCodeRow.BadgesFor(c, items),
            PromoCodeStatus.Of(c, now, c.Location.TimeZone))).ToList();
        var batch = batchId is int b ? new FilteredBatch(b, await batches.NameAsync(b, ct) ?? $"#{b}") : null;
        return View(new PromoCodeListModel(archived, code, groupIds, pageSize, result, rows,
            new Pager(result.PageNumber, result.PageSize, result.Total, Request), await options.GroupsAsync(ct), current,
            MoneyFormat.For(await options.CurrencyAsync(ct))) { Batch = batch, Status = statusFilter, Source = codeSource, Order = order });
    }

    /// <summary>Download CSV: every code of the tab matching the filters, streamed.</summary>
    [HttpGet("export"), Authorize(Policy = Policies.DownloadData)]
    public async Task<IActionResult> Export(string? tab, string? code, List<int>? groupId, int? batchId, string? status, string? source, string? sort,
        string? dir, CancellationToken ct)
    {
        var current = await currentLocation.GetAsync(ct);
        if (current is null) return NotFound();
        CodeStatus? statusFilter = PromoCodeStatus.TryParse(status, out var s) ? s : null;
        if (!PromoCodeOrder.TryParseSource(source, batchId, out var codeSource)) codeSource = PromoCodeOrder.UsualSource(batchId);
        if (!PromoCodeOrder.TryParse(sort, dir, out var order, out _)) order = PromoCodeOrder.Newest;
        var rows = await codes.ExportRowsAsync(new PromoCodeFilter(current.Id, tab == "archived", code, groupId, batchId, statusFilter, codeSource), order, ct);
        return new CsvDownload(rows, tab == "archived" ? "archived-promo-codes" : "promo-codes");
    }

    [HttpGet("create"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Create(int? groupId, CancellationToken ct)
    {
        if (await currentLocation.GetAsync(ct) is null)
        {
            TempData["Error"] = "Create a location first: every promo code belongs to one.";
            return RedirectToAction("Create", "Locations");
        }
        return await FormView(new PromoCodeForm { GroupId = groupId }, new PromoCodeFormPage(IsNew: true, ReadOnly: false), ct);
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var details = await codes.GetDetailsAsync(id, ct);
        if (details is null) return NotFound();
        var current = await currentLocation.GetAsync(ct);
        if (details.LocationKey != current?.Key) return RedirectToAction(nameof(Details), new { id });
        return await FormView(PromoCodeForm.From(details), new PromoCodeFormPage(false, false, Notice: BatchNotice(details), TimesUsed: details.TimesUsed,
            Archived: details.Archived || details.BatchArchived == true, QuantityLeft: details.Quantity), ct);
    }

    /// <summary>View promo code: the form read-only, with the banner when another location owns the code.</summary>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var details = await codes.GetDetailsAsync(id, ct);
        if (details is null) return NotFound();
        var current = await currentLocation.GetAsync(ct);
        var foreign = details.LocationKey != current?.Key;
        if (foreign && details.AllLocations != true) return NotFound();
        var banner = foreign ? $"This promo code was created at {details.LocationName}. You can view but not edit it." : null;
        return await FormView(PromoCodeForm.From(details), new PromoCodeFormPage(false, true, banner, BatchNotice(details), details.TimesUsed,
            details.Archived || details.BatchArchived == true, QuantityLeft: details.Quantity), ct);
    }

    [HttpPost("save"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Save(PromoCodeForm form, CancellationToken ct)
    {
        var current = await currentLocation.GetAsync(ct);
        if (current is null) return RedirectToAction(nameof(Index));
        var page = new PromoCodeFormPage(form.Id is null, false);
        if (form.Id is int existingId)
        {
            var existing = await codes.FindAsync(existingId, ct);
            if (existing is null) return NotFound();
            if (existing.LocationId != current.Id)
            {
                TempData["Error"] = $"This promo code was created at {existing.Location.Name}. You can view but not edit it.";
                return RedirectToAction(nameof(Details), new { id = existingId });
            }
            page = page with { TimesUsed = existing.Inventory.TimesUsed, Archived = existing.IsArchived, QuantityLeft = existing.Inventory.Quantity };
        }

        if (await settings.CommandAsync(ModelState, null, form, null, ct) is { } notice)
            return await FormView(form, page with { Notice = notice == "" ? null : notice }, ct);
        // Toggled on but never copied (no JavaScript, straight to Create): copy the defaults, then let the admin review them.
        if (form.ApplyGroupDefaults && form.GroupId is int groupId && form.DefaultsAppliedFor != groupId
            && await settings.CopyGroupDefaultsAsync(form, groupId, ct) is { } copied)
        {
            ModelState.Clear();
            return await FormView(form, page with { Notice = copied + " Review them, then click " + (form.Id is null ? "Create." : "Update.") }, ct);
        }

        if (!CodeSettingsForm.Check(ModelState, "", form)) return await FormView(form, page, ct);

        var input = form.ToInput() with { LocationKey = current.Key, DuplicateTo = form.Id is null ? form.DuplicateTo : null };
        try
        {
            var saved = form.Id is int id ? await codes.UpdateAsync(id, input, current.Id, ct) : await codes.CreateAsync(input, ct);
            var copies = form.Id is null && form.DuplicateTo.Count > 0 ? $" and duplicated to {form.DuplicateTo.Count} other location{(form.DuplicateTo.Count == 1 ? "" : "s")}" : "";
            TempData["Success"] = form.Id is null ? $"Promo code {saved.Code} created{copies}." : $"Promo code {saved.Code} updated.";
            return RedirectToAction(nameof(Index), new { tab = page.Archived ? "archived" : null });
        }
        catch (DomainValidationException ex)
        {
            CodeSettingsForm.AddErrors(ModelState, ex);
            return await FormView(form, page, ct);
        }
        catch (ForbiddenActionException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Index));
        }
    }

    [HttpPost("{id:int}/archive"), Authorize(Policy = Policies.ManageCodes)]
    public Task<IActionResult> Archive(int id, string? returnUrl, CancellationToken ct) => SetArchivedAsync(id, true, returnUrl, ct);

    [HttpPost("{id:int}/unarchive"), Authorize(Policy = Policies.ManageCodes)]
    public Task<IActionResult> Unarchive(int id, string? returnUrl, CancellationToken ct) => SetArchivedAsync(id, false, returnUrl, ct);

    [HttpGet("{id:int}/copy"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Copy(int id, CancellationToken ct)
    {
        var code = await codes.FindAsync(id, ct);
        if (code is null) return NotFound();
        var current = await currentLocation.GetAsync(ct);
        if (code.LocationId != current?.Id)
        {
            TempData["Error"] = $"This promo code was created at {code.Location.Name}. You can view but not edit it.";
            return RedirectToAction(nameof(Index));
        }
        return await CopyView(code, [], ct);
    }

    [HttpPost("{id:int}/copy"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> Copy(int id, List<string>? locationKeys, CancellationToken ct)
    {
        var code = await codes.FindAsync(id, ct);
        if (code is null) return NotFound();
        var current = await currentLocation.GetAsync(ct);
        try
        {
            var copies = await codes.CopyToLocationsAsync(id, locationKeys ?? [], current?.Id, ct);
            var names = (await currentLocation.AllAsync(ct)).Where(l => copies.Any(c => c.LocationId == l.Id)).Select(l => l.Name);
            TempData["Success"] = $"Promo code {code.Code} copied to {string.Join(", ", names)}.";
            return RedirectToAction(nameof(Index));
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return await CopyView(code, locationKeys ?? [], ct);
        }
        catch (ForbiddenActionException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Index));
        }
    }

    /// <summary>View associated transactions: a page without JavaScript, the modal's body with it.</summary>
    [HttpGet("{id:int}/transactions")]
    public async Task<IActionResult> Transactions(int id, [FromServices] RedemptionQueries redemptions, [FromServices] AccountSettingsService account,
        int page = 1, CancellationToken ct = default)
    {
        var code = await codes.FindAsync(id, ct);
        var current = await currentLocation.GetAsync(ct);
        if (code is null || (code.LocationId != current?.Id && !code.AllLocations)) return NotFound();
        var result = await redemptions.ListAsync(new RedemptionFilter(PromoCodeId: id), new PageRequest(page), ct);
        var asModal = IsFetch;
        var settings = await account.GetAsync(ct);
        var model = new TransactionsModel(code, result, new Pager(result.PageNumber, result.PageSize, result.Total, Request),
            MoneyFormat.For(settings.Currency), asModal, settings.OrderLinkTemplate);
        return asModal ? PartialView("_Transactions", model) : View(model);
    }

    [HttpGet("bulk-update"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> BulkUpdate(int[]? groupId, CancellationToken ct)
    {
        return await BulkView(new BulkUpdateForm { GroupIds = [.. groupId ?? []] }, ct);
    }

    [HttpPost("bulk-update"), Authorize(Policy = Policies.ManageCodes)]
    public async Task<IActionResult> BulkUpdate(BulkUpdateForm form, [FromServices] BulkUpdateService bulk, CancellationToken ct)
    {
        var current = await currentLocation.GetAsync(ct);
        if (current is null) return RedirectToAction(nameof(Index));
        if (form.Command == "find-codes")
        {
            ModelState.Clear();
            return await BulkView(form, ct);
        }
        var pick = SettingsPick.Bulk(form.Fields);
        if (await settings.CommandAsync(ModelState, form.Command, form.Values, pick, ct) is not null) return await BulkView(form, ct);
        // With "Apply default settings from group" on, the field picker is off: neither its fields nor their values count.
        var groupDefaults = form.AppliesGroupDefaults;
        if (!CodeSettingsForm.Check(ModelState, "Values", form.Values, groupDefaults ? SettingsPick.Bulk([]) : pick)) return await BulkView(form, ct);

        var request = new BulkUpdateRequest(current.Key,
            !form.All && form.Selection == BulkSelection.Groups ? form.GroupIds : null,
            !form.All && form.Selection == BulkSelection.Codes ? form.CodeIds : null,
            form.All, groupDefaults ? [] : SettingFields.JsonNamesOf(form.Fields), groupDefaults ? new PromoCodeInput() : form.Values.ToInput(), groupDefaults);
        try
        {
            var count = await bulk.UpdateAsync(request, ct);
            TempData["Success"] = $"{count} promo code{(count == 1 ? "" : "s")} updated.";
            return RedirectToAction(nameof(Index));
        }
        catch (DomainValidationException ex)
        {
            CodeSettingsForm.AddErrors(ModelState, ex, "Values", "selection", "fields", "locationKey", "codeIds", "groupIds", "applyGroupDefaults");
            return await BulkView(form, ct);
        }
    }

    private bool IsFetch => Request.Headers.XRequestedWith == "XMLHttpRequest";

    /// <summary>What the code's batch-level switch does to it (docs/rules.md#batches), which its own settings do not show.</summary>
    private static string? BatchNotice(PromoCodeDetails d) =>
        d.BatchArchived == true ? "This code's batch is archived: the code is archived with it until the batch is unarchived."
        : d.BatchDisabled == true ? "This code's batch is disabled: customers cannot use the code until the batch is enabled again."
        : null;

    private async Task<IActionResult> SetArchivedAsync(int id, bool archived, string? returnUrl, CancellationToken ct)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : Url.Action(nameof(Index), new { tab = archived ? null : "archived" })!;
        var current = await currentLocation.GetAsync(ct);
        try
        {
            await codes.SetArchivedAsync(id, archived, current?.Id, ct);
            var code = await codes.FindAsync(id, ct);
            TempData["Success"] = archived
                ? $"Promo code {code!.Code} archived. Find it on the Archived promo codes tab."
                : $"Promo code {code!.Code} unarchived. It is back on the Promo codes tab.";
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenActionException ex)
        {
            TempData["Error"] = ex.Message;
        }
        catch (DomainValidationException ex)
        {
            TempData["Error"] = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
        return LocalRedirect(back);
    }

    private async Task<IActionResult> FormView(PromoCodeForm form, PromoCodeFormPage page, CancellationToken ct)
    {
        await settings.PrepareAsync(ViewData, form, new SettingsView(SettingsMode.Code, readOnly: page.ReadOnly), ct);
        ViewData.SetFormPage(page);
        ViewData["Nav"] = "PromoCodes";
        return View("Form", form);
    }

    private async Task<IActionResult> CopyView(PromoCode code, List<string> picked, CancellationToken ct)
    {
        var targets = (await currentLocation.AllAsync(ct)).Where(l => l.Id != code.LocationId).ToList();
        var model = new CopyModel(code, targets, picked);
        return IsFetch ? PartialView("_CopyForm", model) : View("Copy", model);
    }

    private async Task<IActionResult> BulkView(BulkUpdateForm form, CancellationToken ct)
    {
        var prepared = await settings.PrepareAsync(ViewData, form.Values, new SettingsView(SettingsMode.Bulk, form.Fields), ct);
        // The picker renders the picked codes and a few more; the others are found by its search (docs/rules.md#pickers).
        var search = PickerSearch.Clean(form.CodeSearch);
        var list = new List<CodeOption>();
        if (prepared.Current is { } current)
        {
            list = await SettingOptionsService.PickedCodeOptionsAsync(await codes.OwnQueryAsync(new PromoCodeFilter(current.Id), ct), form.CodeIds, ct);
            var more = await SettingOptionsService.CodeOptionsAsync(await codes.OwnQueryAsync(new PromoCodeFilter(current.Id, Code: search), ct), search is not null, ct);
            list.AddRange(more.Where(m => list.All(p => p.Id != m.Id)));
        }
        ViewData["BulkOptions"] = new BulkUpdateOptions(prepared.Lists.Groups, list);
        return View("BulkUpdate", form);
    }
}
