using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Audit;

/// <summary>One entry of the trail as the API shows it (docs/api.md#audit).</summary>
public sealed record AuditEntryDto(
    long Id, DateTimeOffset At, string Actor, string ActorType, string? LocationKey, string EntityType, string? EntityId, string? EntityName,
    string Action, IReadOnlyList<AuditChange> Changes, int? Count)
{
    public static AuditEntryDto From(AuditEntry e) => new(e.Id, e.At.ToUniversalTime(), e.Actor, e.ActorType, e.LocationKey, e.EntityType, e.EntityId,
        e.EntityName, e.Action, AuditLog.ChangesOf(e), e.Count);
}

/// <summary>The audit trail, read only: there is no route that changes or deletes an entry (docs/rules.md#audit).</summary>
[Tags("Audit")]
[Route("api/v1/audit")]
public sealed class AuditApiController(AuditQueries audit) : AdminApiController
{
    /// <summary>Entries newest first; every filter is an exact value, <c>from</c> inclusive and <c>to</c> exclusive (UTC).</summary>
    [HttpGet]
    public async Task<ListResponse<AuditEntryDto>> List([FromQuery] string? entityType, [FromQuery] string? entityId, [FromQuery] string? actor,
        [FromQuery] string? action, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
        [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await audit.ListAsync(new AuditFilter(entityType, entityId, actor, action, from, to), new PageRequest(page, pageSize), ct),
            AuditEntryDto.From);
}
