using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Customers;

/// <summary>A segment in a list: its size, not its members (those are paged at <c>/segments/{id}/members</c>).</summary>
public sealed record SegmentSummaryDto(int Id, string Name, int MemberCount)
{
    public static SegmentSummaryDto From(SegmentSummary s) => new(s.Id, s.Name, s.MemberCount);
}

/// <summary>One segment as it is written: what a PUT sends back.</summary>
public sealed record SegmentDto(int Id, string Name, int MemberCount, IReadOnlyList<string> CustomerKeys)
{
    public static SegmentDto From(SegmentDetails s) => new(s.Id, s.Name, s.CustomerKeys.Count, s.CustomerKeys);
}

[Tags("Segments")]
[Route("api/v1/segments")]
public sealed class SegmentsApiController(CustomerService customers) : AdminApiController
{
    /// <summary>The segments, with their sizes, paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<SegmentSummaryDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await customers.ListSegmentsAsync(search, new PageRequest(page, pageSize), ct), SegmentSummaryDto.From);

    /// <summary>One segment.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<SegmentDto>> Get(int id, CancellationToken ct) =>
        await customers.FindSegmentDetailsAsync(id, ct) is { } s ? SegmentDto.From(s) : NotFound();

    /// <summary>The segment's members, paged; search by text.</summary>
    [HttpGet("{id:int}/members")]
    public async Task<ActionResult<ListResponse<CustomerDto>>> Members(int id, [FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default)
    {
        if (await customers.FindSegmentAsync(id, ct) is null) return NotFound();
        return ListResponse.From(await customers.ListSegmentMembersAsync(id, search, new PageRequest(page, pageSize), ct), CustomerDto.From);
    }

    /// <summary>Creates a segment; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<SegmentDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<SegmentDto>> Create(SegmentInput input, CancellationToken ct)
    {
        var created = await customers.CreateSegmentAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, SegmentDto.From(created));
    }

    /// <summary>Replaces the segment: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<SegmentDto> Update(int id, SegmentInput input, CancellationToken ct) =>
        SegmentDto.From(await customers.UpdateSegmentAsync(id, input, ct));
}
