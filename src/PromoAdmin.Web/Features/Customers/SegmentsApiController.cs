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

[Route("api/v1/segments")]
public sealed class SegmentsApiController(CustomerService customers) : AdminApiController
{
    [HttpGet]
    public async Task<ListResponse<SegmentSummaryDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await customers.ListSegmentsAsync(search, new PageRequest(page, pageSize), ct), SegmentSummaryDto.From);

    [HttpGet("{id:int}")]
    public async Task<ActionResult<SegmentDto>> Get(int id, CancellationToken ct) =>
        await customers.FindSegmentDetailsAsync(id, ct) is { } s ? SegmentDto.From(s) : NotFound();

    [HttpGet("{id:int}/members")]
    public async Task<ActionResult<ListResponse<CustomerDto>>> Members(int id, [FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default)
    {
        if (await customers.FindSegmentAsync(id, ct) is null) return NotFound();
        return ListResponse.From(await customers.ListSegmentMembersAsync(id, search, new PageRequest(page, pageSize), ct), CustomerDto.From);
    }

    [HttpPost]
    public async Task<ActionResult<SegmentDto>> Create(SegmentInput input, CancellationToken ct)
    {
        var created = await customers.CreateSegmentAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, SegmentDto.From(created));
    }

    [HttpPut("{id:int}")]
    public async Task<SegmentDto> Update(int id, SegmentInput input, CancellationToken ct) =>
        SegmentDto.From(await customers.UpdateSegmentAsync(id, input, ct));
}
