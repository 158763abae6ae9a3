using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.PromoCodes;

public sealed record CopyRequest(List<string>? LocationKeys);

public sealed record CloneRequest(int Count);

/// <summary>The answer to a clone: how many codes were made, and each one's id and code.</summary>
public sealed record CloneResponse(int Count, IReadOnlyList<ClonedCode> Codes);

public sealed record ClonedCode(int Id, string Code);

/// <summary>
/// Bulk update as the API takes it: <c>fields</c> is an object whose present properties are the fields to set; or
/// <c>applyGroupDefaults</c> with <c>groupIds</c> and no fields: each group's default settings on its codes.
/// </summary>
public sealed record BulkUpdateBody(string? LocationKey, List<int>? GroupIds, List<int>? CodeIds, bool All, JsonObject? Fields, bool ApplyGroupDefaults = false);

public sealed record BulkUpdateResponse(int Updated);

[Tags("Promo codes")]
[Route("api/v1/promo-codes")]
public sealed class PromoCodesApiController(
    PromoCodeService codes, BulkUpdateService bulk, RedemptionQueries redemptions, LocationService locations, IOptions<JsonOptions> json)
    : AdminApiController
{
    /// <summary>The codes of a location's list, filtered, sorted and paged as the Promo codes page (docs/api.md#promo-codes).</summary>
    [HttpGet]
    public async Task<ActionResult<ListResponse<PromoCodeDetails>>> List(
        [FromQuery] string? locationKey, [FromQuery] string? tab, [FromQuery] string? code, [FromQuery] List<int>? groupId, [FromQuery] int? batchId,
        [FromQuery] string? status, [FromQuery] string? source, [FromQuery] string? sort, [FromQuery] string? dir, [FromQuery] int page = 1,
        [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default)
    {
        var (filter, order) = await FilterAsync(locationKey, tab, code, groupId, batchId, status, source, sort, dir, ct);
        return ListResponse.From(await codes.DetailsAsync(await codes.ListAsync(filter, new PageRequest(page, pageSize), order, ct), ct), d => d);
    }

    /// <summary>One promo code.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<PromoCodeDetails>> Get(int id, CancellationToken ct) =>
        await codes.GetDetailsAsync(id, ct) is { } details ? details : NotFound();

    /// <summary>Creates a code (and independent copies at <c>duplicateTo</c>); 201 with the code and its address in Location. A 400 names every wrong field at once.</summary>
    [HttpPost]
    [ProducesResponseType<PromoCodeDetails>(StatusCodes.Status201Created)]
    public async Task<ActionResult<PromoCodeDetails>> Create(PromoCodeInput input, CancellationToken ct)
    {
        var created = await codes.CreateAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, await codes.GetDetailsAsync(created.Id, ct));
    }

    /// <summary>Replaces every setting and the code text; a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<ActionResult<PromoCodeDetails>> Update(int id, PromoCodeInput input, [FromQuery] string? locationKey, CancellationToken ct)
    {
        await codes.UpdateAsync(id, input, await ActingLocationAsync(locationKey, ct), ct);
        return (await codes.GetDetailsAsync(id, ct))!;
    }

    /// <summary>Archives the code; answers the code.</summary>
    [HttpPost("{id:int}/archive")]
    public async Task<ActionResult<PromoCodeDetails>> Archive(int id, [FromQuery] string? locationKey, CancellationToken ct)
    {
        await codes.SetArchivedAsync(id, true, await ActingLocationAsync(locationKey, ct), ct);
        return (await codes.GetDetailsAsync(id, ct))!;
    }

    /// <summary>Unarchives the code; answers the code.</summary>
    [HttpPost("{id:int}/unarchive")]
    public async Task<ActionResult<PromoCodeDetails>> Unarchive(int id, [FromQuery] string? locationKey, CancellationToken ct)
    {
        await codes.SetArchivedAsync(id, false, await ActingLocationAsync(locationKey, ct), ct);
        return (await codes.GetDetailsAsync(id, ct))!;
    }

    /// <summary>Independent copies of the code at the locations given; 201 with the copies.</summary>
    [HttpPost("{id:int}/copy")]
    [ProducesResponseType<List<PromoCodeDetails>>(StatusCodes.Status201Created)]
    public async Task<ActionResult<List<PromoCodeDetails>>> Copy(int id, CopyRequest body, [FromQuery] string? locationKey, CancellationToken ct)
    {
        var copies = await codes.CopyToLocationsAsync(id, body.LocationKeys ?? [], await ActingLocationAsync(locationKey, ct), ct);
        var result = new List<PromoCodeDetails>();
        foreach (var c in copies) result.Add((await codes.GetDetailsAsync(c.Id, ct))!);
        return StatusCode(StatusCodes.Status201Created, result);
    }

    /// <summary>N new random codes (1 to 10,000) with the same settings, in the same batch and group; 201 with their ids and codes.</summary>
    [HttpPost("{id:int}/clone")]
    [ProducesResponseType<CloneResponse>(StatusCodes.Status201Created)]
    public async Task<ActionResult<CloneResponse>> Clone(int id, CloneRequest body, [FromQuery] string? locationKey, CancellationToken ct)
    {
        var clones = await codes.CloneAsync(id, body.Count, await ActingLocationAsync(locationKey, ct), ct);
        return StatusCode(StatusCodes.Status201Created, new CloneResponse(clones.Count, clones.Select(c => new ClonedCode(c.Id, c.Code)).ToList()));
    }

    /// <summary>The code's redemptions (its associated transactions), paged.</summary>
    [HttpGet("{id:int}/redemptions")]
    public async Task<ActionResult<ListResponse<RedemptionDto>>> Redemptions(int id, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default)
    {
        if (!await codes.ExistsAsync(id, ct)) return NotFound();
        return ListResponse.From(await redemptions.SearchAsync(new RedemptionFilter(PromoCodeId: id), new PageRequest(page, pageSize), ct), RedemptionDto.From);
    }

    /// <summary>Sets the fields present in <c>fields</c> on the codes chosen (docs/rules.md#bulk-update); answers how many were updated.</summary>
    [HttpPost("bulk-update")]
    public async Task<ActionResult<BulkUpdateResponse>> BulkUpdate(BulkUpdateBody body, CancellationToken ct)
    {
        var fields = body.Fields ?? [];
        PromoCodeInput values;
        try
        {
            values = fields.Deserialize<PromoCodeInput>(json.Value.JsonSerializerOptions) ?? new PromoCodeInput();
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? "fields." + ApiValidation.FieldOf(path) : "fields";
            throw new DomainValidationException(field, ApiValidation.MessageOf(field, ex.Message));
        }
        var request = new BulkUpdateRequest(body.LocationKey, body.GroupIds, body.CodeIds, body.All, fields.Select(f => f.Key).ToList(), values, body.ApplyGroupDefaults);
        return new BulkUpdateResponse(await bulk.UpdateAsync(request, ct));
    }

    /// <summary>CSV of every code on the tab matching the filters, streamed.</summary>
    [HttpGet("export")]
    [Produces("text/csv")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    public async Task<IActionResult> Export([FromQuery] string? locationKey, [FromQuery] string? tab, [FromQuery] string? code, [FromQuery] List<int>? groupId,
        [FromQuery] int? batchId, [FromQuery] string? status, [FromQuery] string? source, [FromQuery] string? sort, [FromQuery] string? dir,
        CancellationToken ct)
    {
        var (filter, order) = await FilterAsync(locationKey, tab, code, groupId, batchId, status, source, sort, dir, ct);
        return new CsvDownload(await codes.ExportRowsAsync(filter, order, ct), "promo-codes");
    }

    private async Task<(PromoCodeFilter, PromoCodeOrder)> FilterAsync(string? locationKey, string? tab, string? code, List<int>? groupIds, int? batchId,
        string? status, string? source, string? sort, string? dir, CancellationToken ct)
    {
        // Every mistake is reported at once, as a form would.
        PromoCodeOrder.TryParse(sort, dir, out var order, out var errors);
        if (!PromoCodeOrder.TryParseSource(source, batchId, out var codeSource)) errors["source"] = [PromoCodeOrder.SourceMessage];
        if (tab is not (null or "" or "active" or "archived")) errors["tab"] = ["Tab must be active or archived."];
        CodeStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (PromoCodeStatus.TryParse(status, out var s)) statusFilter = s;
            else errors["status"] = [PromoCodeStatus.ParseMessage];
        }
        var location = await locations.FindByKeyAsync(locationKey, ct);
        if (location is null) errors["locationKey"] = [LocationService.MissingMessage(locationKey)];
        if (errors.Count > 0) throw new DomainValidationException(errors);
        // Without a tab, status=archived reads the archived tab: the only place archived codes are.
        var archived = tab == "archived" || (string.IsNullOrEmpty(tab) && statusFilter == CodeStatus.Archived);
        return (new PromoCodeFilter(location!.Id, archived, code, groupIds, batchId, statusFilter, codeSource), order!);
    }

    private Task<int?> ActingLocationAsync(string? locationKey, CancellationToken ct) => locations.IdOfAsync(locationKey, ct: ct);
}
