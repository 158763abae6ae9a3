using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.Batches;

/// <summary>
/// A batch as the API shows it; <c>status</c> is generating, ready or failed, <c>progress</c> 0-100; <c>disabled</c> and
/// <c>archived</c> are the batch-level switches that hold for all its codes.
/// </summary>
public record BatchDto(
    int Id, string LocationKey, string Name, GenerationMethod Method, int? SegmentId, string? Segment, int CodeLength, string? Prefix,
    BatchStatus Status, int Progress, int RequestedCount, int GeneratedCount, int CodeCount, string? FailureReason,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, bool Disabled, bool Archived)
{
    public static BatchDto From(BatchSummary b) => new(b.Id, b.LocationKey, b.Name, b.Method, b.SegmentId, b.SegmentName, b.CodeLength, b.Prefix,
        b.Status, b.Progress, b.RequestedCount, b.GeneratedCount, b.CodeCount, b.FailureReason, b.CreatedAt, b.CompletedAt, b.Disabled, b.Archived);
}

/// <summary>
/// One batch with its usage (docs/rules.md#batches): <c>codesRedeemed</c> of <c>codesTotal</c> codes have a redemption
/// that is not voided; <c>discountGiven</c> is the discount those redemptions gave, in the account currency.
/// </summary>
public sealed record BatchDetailsDto : BatchDto
{
    public BatchDetailsDto(BatchSummary batch, BatchUsage usage) : base(From(batch)) =>
        (CodesRedeemed, CodesTotal, DiscountGiven) = (usage.CodesRedeemed, usage.CodesTotal, usage.DiscountGiven);

    public int CodesRedeemed { get; init; }
    public int CodesTotal { get; init; }
    public decimal DiscountGiven { get; init; }
}

/// <summary>The answer to a generate request: the batch is queued and generates in the background.</summary>
public sealed record BatchAccepted(int Id, BatchStatus Status, int Progress);

public sealed record InventoryRequest(InventoryAction? Action, int? Amount);

public sealed record InventoryResponse(int Updated);

/// <summary>The answer to a batch-level change: the batch and how many codes the switch covers (0 when it was already so).</summary>
public sealed record BatchChangeResponse(int BatchId, int Updated);

/// <remarks>
/// A batch belongs to a location: the calls on one batch take an optional <c>locationKey</c>, the location the caller acts
/// from; acting on another location's batch answers 403.
/// </remarks>
[Tags("Batches")]
[Route("api/v1/batches")]
public sealed class BatchesApiController(BatchService batches, PromoCodeService codes, LocationService locations, IOptions<JsonOptions> json) : AdminApiController
{
    /// <summary>Queues a batch; poll <c>GET /api/v1/batches/{id}</c> until its status is ready (or failed).</summary>
    [HttpPost]
    [ProducesResponseType<BatchAccepted>(StatusCodes.Status202Accepted)]
    public async Task<ActionResult<BatchAccepted>> Create(BatchRequest request, CancellationToken ct)
    {
        var batch = await batches.CreateAsync(request, ct);
        return AcceptedAtAction(nameof(Get), new { id = batch.Id }, new BatchAccepted(batch.Id, batch.Status, 0));
    }

    /// <summary>The batches, newest first; filter by location, name and segment.</summary>
    [HttpGet]
    public async Task<ListResponse<BatchDto>> List([FromQuery] string? locationKey, [FromQuery] string? name, [FromQuery] string? segment,
        [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default)
    {
        var locationId = await locations.IdOfAsync(locationKey, ct: ct);
        return ListResponse.From(await batches.ListAsync(new BatchFilter(locationId, name, segment), new PageRequest(page, pageSize), ct), BatchDto.From);
    }

    /// <summary>The batch with its usage: codes redeemed of its codes and the discount given.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<BatchDetailsDto>> Get(int id, [FromQuery] string? locationKey, CancellationToken ct)
    {
        var acting = await locations.IdOfAsync(locationKey, ct: ct);
        if (await batches.FindAsync(id, ct) is not { } b) return NotFound();
        if (acting is int l && l != b.LocationId) throw new ForbiddenActionException($"Batch {id} belongs to another location.");
        return new BatchDetailsDto(b, await batches.UsageAsync(b, ct));
    }

    /// <summary>The batch's codes, oldest first; empty until the batch is ready.</summary>
    [HttpGet("{id:int}/codes")]
    public async Task<ListResponse<PromoCodeDetails>> Codes(int id, [FromQuery] string? locationKey, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault,
        CancellationToken ct = default)
    {
        var result = await batches.CodesAsync(id, await locations.IdOfAsync(locationKey, ct: ct), new PageRequest(page, pageSize), ct: ct);
        return ListResponse.From(await codes.DetailsAsync(result, ct), d => d);
    }

    /// <summary><c>increment</c> adds to every limited code (unlimited stay unlimited); <c>set</c> limits every code to exactly the amount.</summary>
    [HttpPost("{id:int}/inventory")]
    public async Task<InventoryResponse> Inventory(int id, InventoryRequest body, [FromQuery] string? locationKey, CancellationToken ct) =>
        new(await batches.ModifyInventoryAsync(id, await locations.IdOfAsync(locationKey, ct: ct), body.Action, body.Amount, ct));

    /// <summary>Disables every code of the batch (its batch-level switch); <c>updated</c> counts its codes, 0 if it already was.</summary>
    [HttpPost("{id:int}/disable")]
    public Task<BatchChangeResponse> Disable(int id, [FromQuery] string? locationKey, CancellationToken ct) => ChangeAsync(id, BatchCodeChange.Disable, locationKey, ct);

    /// <summary>Enables the batch's codes again (its batch-level switch); <c>updated</c> counts its codes, 0 if it already was.</summary>
    [HttpPost("{id:int}/enable")]
    public Task<BatchChangeResponse> Enable(int id, [FromQuery] string? locationKey, CancellationToken ct) => ChangeAsync(id, BatchCodeChange.Enable, locationKey, ct);

    /// <summary>Archives every code of the batch (its batch-level switch); <c>updated</c> counts its codes, 0 if it already was.</summary>
    [HttpPost("{id:int}/archive")]
    public Task<BatchChangeResponse> Archive(int id, [FromQuery] string? locationKey, CancellationToken ct) => ChangeAsync(id, BatchCodeChange.Archive, locationKey, ct);

    /// <summary>Unarchives the batch's codes (its batch-level switch); <c>updated</c> counts its codes, 0 if it already was.</summary>
    [HttpPost("{id:int}/unarchive")]
    public Task<BatchChangeResponse> Unarchive(int id, [FromQuery] string? locationKey, CancellationToken ct) => ChangeAsync(id, BatchCodeChange.Unarchive, locationKey, ct);

    /// <summary>
    /// Sets the fields present in the body on every code of the batch: any of the bulk update's fields, by their JSON names
    /// (a range's two ends travel together). Another field is a 400 under its own name.
    /// </summary>
    [HttpPut("{id:int}/settings")]
    public async Task<BatchChangeResponse> Settings(int id, JsonObject body, [FromQuery] string? locationKey, CancellationToken ct)
    {
        PromoCodeInput values;
        try
        {
            values = body.Deserialize<PromoCodeInput>(json.Value.JsonSerializerOptions) ?? new PromoCodeInput();
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? ApiValidation.FieldOf(path) : "body";
            throw new DomainValidationException(field, ApiValidation.MessageOf(field, ex.Message));
        }
        var updated = await batches.UpdateSettingsAsync(id, await locations.IdOfAsync(locationKey, ct: ct), body.Select(p => p.Key).ToList(), values, ct);
        return new BatchChangeResponse(id, updated);
    }

    private async Task<BatchChangeResponse> ChangeAsync(int id, BatchCodeChange change, string? locationKey, CancellationToken ct) =>
        new(id, await batches.ChangeCodesAsync(id, await locations.IdOfAsync(locationKey, ct: ct), change, ct));

    /// <summary>CSV of the batch's codes.</summary>
    [HttpGet("{id:int}/export")]
    [Produces("text/csv")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    public async Task<IActionResult> Export(int id, [FromQuery] string? locationKey, CancellationToken ct)
    {
        var rows = await batches.ExportRowsAsync(id, await locations.IdOfAsync(locationKey, ct: ct), ct);
        return CsvDownload.ForBatch(rows, id, await batches.NameAsync(id, ct) ?? "");
    }

    /// <summary>Deletes the batch and its codes; redemptions already made keep their records.</summary>
    [HttpDelete("{id:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int id, [FromQuery] string? locationKey, CancellationToken ct)
    {
        await batches.DeleteAsync(id, await locations.IdOfAsync(locationKey, ct: ct), ct);
        return NoContent();
    }
}
