using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Batches;

public sealed record BatchListModel(Page<BatchSummary> Page, string? Name, string? Segment, Pager Pager, Location? Location);

/// <summary>One batch's page: its usage, and its codes, or (with <paramref name="Search"/>) those of its codes matching the text.</summary>
public sealed record BatchPageModel(BatchSummary Batch, Page<PromoCode> Codes, Pager Pager, Location? Location, BatchUsage Usage, MoneyFormat Money, string? Search);

/// <summary>The Generate Batch form: the batch's own fields, then every code setting in the settings form's sections.</summary>
public sealed class GenerateBatchForm
{
    public GenerationMethod Method { get; set; } = GenerationMethod.Count;
    public int? Count { get; set; }
    public int? SegmentId { get; set; }
    /// <summary>Narrows the segment list (the no-JavaScript search).</summary>
    public string? SegmentSearch { get; set; }
    public int? CodeLength { get; set; } = CodeGenerator.DefaultLength;
    public string? Prefix { get; set; }
    public string? Name { get; set; }
    public int? GroupId { get; set; }
    public PromoCodeForm Settings { get; set; } = new();
    public string? Command { get; set; }
}

public sealed class InventoryForm
{
    public InventoryAction? Action { get; set; }
    public int? Amount { get; set; }
    /// <summary>False on the first post: the page asks to confirm before anything changes.</summary>
    public bool Confirmed { get; set; }
}

public sealed record InventoryPageModel(BatchSummary Batch, InventoryForm Form, bool Confirming);

/// <summary>The confirmation of a batch-level change (disable, enable, archive, unarchive every code).</summary>
public sealed record BatchChangeModel(BatchSummary Batch, BatchCodeChange Change);

/// <summary>Batch settings: the bulk update's field picker and settings form, for every code of one batch.</summary>
public sealed class BatchSettingsForm
{
    /// <summary>Keys of <see cref="SettingFields.Bulk"/>.</summary>
    public List<string> Fields { get; set; } = [];
    public PromoCodeForm Values { get; set; } = new();
    public string? Command { get; set; }
}

public sealed record ProgressDto(int Id, BatchStatus Status, int Progress, int GeneratedCount, int RequestedCount, string? FailureReason);

/// <summary>The Promo Code Batches pages: list, generate, one batch with its codes, modify inventory, batch-level changes, export, delete.</summary>
[Route("batches")]
public sealed class BatchesController(
    BatchService batches, CustomerService customers, CodeSettingsForm settings, CurrentLocation currentLocation) : Controller
{
    /// <summary>The batch-level changes' route segment: disable, enable, archive or unarchive.</summary>
    private const string ChangeRoute = "{id:int}/{change:regex(^(disable|enable|archive|unarchive)$)}";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? name, string? segment, int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        var location = await currentLocation.GetAsync(ct);
        var result = location is null
            ? new Page<BatchSummary>([], 1, pageSize, 0)
            : await batches.ListAsync(new BatchFilter(location.Id, name, segment), new PageRequest(page, pageSize), ct);
        return View(new BatchListModel(result, name, segment, new Pager(result.PageNumber, result.PageSize, result.Total, Request), location));
    }

    /// <summary>Status and progress of the given batches, for the progress bars (polled by the pages' script).</summary>
    [HttpGet("progress")]
    public async Task<List<ProgressDto>> Progress([FromQuery] List<int> ids, CancellationToken ct)
    {
        var here = (await currentLocation.GetAsync(ct))?.Id;
        return (await batches.ProgressAsync(ids.Take(100).ToList(), ct)).Where(b => b.LocationId == here)
        .Select(b => new ProgressDto(b.Id, b.Status, b.Progress, b.GeneratedCount, b.RequestedCount, b.FailureReason)).ToList();
    }

    [HttpGet("generate"), Authorize(Policy = Policies.GenerateBatches)]
    public Task<IActionResult> Generate(CancellationToken ct)
    {
        return GenerateView(new GenerateBatchForm(), ct);
    }

    [HttpPost("generate"), Authorize(Policy = Policies.GenerateBatches)]
    public async Task<IActionResult> Generate(GenerateBatchForm form, CancellationToken ct)
    {
        if (form.Command == "search-segments")
        {
            ModelState.Clear();
            return await GenerateView(form, ct);
        }
        if (await settings.CommandAsync(ModelState, null, form.Settings, null, ct) is not null) return await GenerateView(form, ct);
        if (!CodeSettingsForm.Check(ModelState, "Settings", form.Settings)) return await GenerateView(form, ct);
        var location = await currentLocation.GetAsync(ct);
        var request = new BatchRequest
        {
            LocationKey = location?.Key, Name = form.Name, Method = form.Method, Count = form.Method == GenerationMethod.Count ? form.Count : null,
            SegmentId = form.Method == GenerationMethod.Segment ? form.SegmentId : null, CodeLength = form.CodeLength, Prefix = form.Prefix,
            Settings = form.Settings.ToInput() with { GroupId = form.GroupId },
        };
        Batch batch;
        try
        {
            batch = await batches.CreateAsync(request, ct);
        }
        catch (DomainValidationException ex)
        {
            CodeSettingsForm.AddErrors(ModelState, ex);
            return await GenerateView(form, ct);
        }
        TempData["Success"] = $"Batch {batch.Name} is generating {batch.RequestedCount:N0} code{(batch.RequestedCount == 1 ? "" : "s")}. Its codes appear when it is ready.";
        return RedirectToAction(nameof(Show), new { id = batch.Id });
    }

    /// <summary>The batch with its usage and codes; <paramref name="code"/> searches its codes with the promo code list's own filter.</summary>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, [FromServices] SettingOptionsService options, string? code,
        int page = 1, int pageSize = PageRequest.PageDefault, CancellationToken ct = default)
    {
        if (await FindHereAsync(id, ct) is not { } batch) return NotFound();
        var search = PickerSearch.Clean(code);
        var paging = new PageRequest(page, pageSize);
        var list = await batches.CodesAsync(id, batch.LocationId, paging, search, ct);
        return View(new BatchPageModel(batch, list, new Pager(list.PageNumber, list.PageSize, list.Total, Request), await currentLocation.GetAsync(ct),
            await batches.UsageAsync(batch, ct), MoneyFormat.For(await options.CurrencyAsync(ct)), search));
    }

    /// <summary>Clone N: new unique codes with exactly the rules of one code of the batch; they join the batch.</summary>
    [HttpPost("{id:int}/codes/{codeId:int}/clone"), Authorize(Policy = Policies.GenerateBatches)]
    public async Task<IActionResult> Clone(int id, int codeId, int? count, string? returnUrl, [FromServices] PromoCodeService codes, CancellationToken ct)
    {
        if (await FindHereAsync(id, ct) is null) return NotFound();
        var location = await currentLocation.GetAsync(ct);
        try
        {
            var clones = await codes.CloneAsync(codeId, count ?? 0, location?.Id, ct);
            TempData["Success"] = $"Generated {clones.Count:N0} promo code{(clones.Count == 1 ? "" : "s")} with the same rules.";
        }
        catch (DomainValidationException ex)
        {
            TempData["Error"] = string.Join(" ", ex.Errors.Values.SelectMany(m => m));
        }
        catch (ForbiddenActionException ex)
        {
            TempData["Error"] = ex.Message;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        // The promo code list's row menu clones too (Show List), and comes back to the list.
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Show), new { id });
    }

    [HttpGet("{id:int}/inventory"), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> Inventory(int id, CancellationToken ct) =>
        await FindHereAsync(id, ct) is { } batch ? View(new InventoryPageModel(batch, new InventoryForm { Action = InventoryAction.Increment }, false)) : NotFound();

    /// <summary>First post: confirm. Second post (Confirmed): one set-based update of every code of the batch.</summary>
    [HttpPost("{id:int}/inventory"), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> Inventory(int id, InventoryForm form, CancellationToken ct)
    {
        if (await FindHereAsync(id, ct) is not { } batch) return NotFound();
        if (form.Action is null) ModelState.AddModelError(nameof(form.Action), "Select Increment or Set.");
        if (form.Amount is null) ModelState.AddModelError(nameof(form.Amount), "Enter the inventory amount.");
        else if (form.Amount < (form.Action == InventoryAction.Increment ? 1 : 0))
            ModelState.AddModelError(nameof(form.Amount), form.Action == InventoryAction.Increment ? "Increment by at least 1." : "Inventory cannot be negative.");
        if (!ModelState.IsValid) return View(new InventoryPageModel(batch, form, Confirming: false));
        if (!form.Confirmed) return View(new InventoryPageModel(batch, form, Confirming: true));
        try
        {
            var updated = await batches.ModifyInventoryAsync(id, batch.LocationId, form.Action, form.Amount, ct);
            TempData["Success"] = form.Action == InventoryAction.Set
                ? $"Inventory set to {form.Amount:N0} on {updated:N0} code{(updated == 1 ? "" : "s")} of {batch.Name}."
                : $"Inventory incremented by {form.Amount:N0} on {updated:N0} limited code{(updated == 1 ? "" : "s")} of {batch.Name}; unlimited codes stay unlimited.";
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View(new InventoryPageModel(batch, form, false));
        }
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Asks to confirm a batch-level change: a page of its own, so that it works without JavaScript, as delete does.</summary>
    [HttpGet(ChangeRoute), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> Change(int id, BatchCodeChange change, CancellationToken ct) =>
        await FindHereAsync(id, ct) is { } batch ? View(new BatchChangeModel(batch, change)) : NotFound();

    /// <summary>Disables, enables, archives or unarchives every code of the batch in one statement.</summary>
    [HttpPost(ChangeRoute), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> ChangeConfirmed(int id, BatchCodeChange change, CancellationToken ct)
    {
        if (await FindHereAsync(id, ct) is not { } batch) return NotFound();
        try
        {
            var changed = await batches.ChangeCodesAsync(id, batch.LocationId, change, ct);
            TempData["Success"] = BatchText.Changed(change, changed, batch.Name);
        }
        catch (DomainValidationException ex)
        {
            TempData["Error"] = string.Join(" ", ex.Errors.Values.SelectMany(m => m));
        }
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpGet("{id:int}/settings"), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> Settings(int id, CancellationToken ct) =>
        await FindHereAsync(id, ct) is { } batch ? await SettingsView(batch, new BatchSettingsForm(), ct) : NotFound();

    /// <summary>Sets the picked fields on every code of the batch: the bulk update's form, checks and statement.</summary>
    [HttpPost("{id:int}/settings"), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> Settings(int id, BatchSettingsForm form, CancellationToken ct)
    {
        if (await FindHereAsync(id, ct) is not { } batch) return NotFound();
        var pick = SettingsPick.Bulk(form.Fields);
        if (await settings.CommandAsync(ModelState, form.Command, form.Values, pick, ct) is not null) return await SettingsView(batch, form, ct);
        if (!CodeSettingsForm.Check(ModelState, "Values", form.Values, pick)) return await SettingsView(batch, form, ct);
        try
        {
            var updated = await batches.UpdateSettingsAsync(id, batch.LocationId, SettingFields.JsonNamesOf(form.Fields), form.Values.ToInput(), ct);
            TempData["Success"] = $"{string.Join(", ", SettingFields.LabelsOf(form.Fields))} set on {updated:N0} code{(updated == 1 ? "" : "s")} of {batch.Name}.";
            return RedirectToAction(nameof(Show), new { id });
        }
        catch (DomainValidationException ex)
        {
            CodeSettingsForm.AddErrors(ModelState, ex, "Values", "fields", "status");
            return await SettingsView(batch, form, ct);
        }
    }

    [HttpGet("{id:int}/delete"), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct) =>
        await FindHereAsync(id, ct) is { } batch ? View(batch) : NotFound();

    [HttpPost("{id:int}/delete"), Authorize(Policy = Policies.ManageBatches)]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken ct)
    {
        if (await FindHereAsync(id, ct) is not { } batch) return NotFound();
        await batches.DeleteAsync(id, batch.LocationId, ct);
        TempData["Success"] = $"Batch {batch.Name} and its {batch.CodeCount:N0} code{(batch.CodeCount == 1 ? "" : "s")} were deleted. Redemptions already made keep their records.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/export"), Authorize(Policy = Policies.DownloadData)]
    public async Task<IActionResult> Export(int id, CancellationToken ct)
    {
        if (await FindHereAsync(id, ct) is not { } batch) return NotFound();
        return CsvDownload.ForBatch(await batches.ExportRowsAsync(id, batch.LocationId, ct), id, batch.Name);
    }

    /// <summary>The batch, if it belongs to the location the user works on: another location's batch is not found here.</summary>
    private async Task<BatchSummary?> FindHereAsync(int id, CancellationToken ct) =>
        await batches.FindAsync(id, ct) is { } batch && batch.LocationId == (await currentLocation.GetAsync(ct))?.Id ? batch : null;

    private async Task<IActionResult> SettingsView(BatchSummary batch, BatchSettingsForm form, CancellationToken ct)
    {
        await settings.PrepareAsync(ViewData, form.Values, new SettingsView(SettingsMode.Bulk, form.Fields), ct);
        ViewData["Batch"] = batch;
        return View("Settings", form);
    }

    private async Task<IActionResult> GenerateView(GenerateBatchForm form, CancellationToken ct)
    {
        // Every setting a code can carry, shown (the code text and duplication are the batch's own business).
        await settings.PrepareAsync(ViewData, form.Settings, new SettingsView(SettingsMode.Group, SettingFields.GroupDefaults.Select(f => f.Key)), ct);
        // A long segment list renders its first ones and is searched on the server (docs/rules.md#pickers).
        var search = PickerSearch.Clean(form.SegmentSearch);
        var (segments, more) = await customers.SegmentOptionsAsync(search, form.SegmentId, SettingOptionsService.PickerOptions, ct);
        ViewData["Segments"] = segments;
        ViewData["SegmentsLong"] = more || search is not null;
        return View("Generate", form);
    }
}
