using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Customers;

public sealed record CustomerDto(int Id, string Key, string Name, string? Email, string? Phone)
{
    public static CustomerDto From(Customer c) => new(c.Id, c.Key, c.Name, c.Email, c.Phone);
}

[Tags("Customers")]
[Route("api/v1/customers")]
public sealed class CustomersApiController(CustomerService customers) : AdminApiController
{
    /// <summary>The customers, paged; search by text.</summary>
    [HttpGet]
    public async Task<ListResponse<CustomerDto>> List([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = PageRequest.ApiDefault, CancellationToken ct = default) =>
        ListResponse.From(await customers.ListCustomersAsync(search, new PageRequest(page, pageSize), ct), CustomerDto.From);

    /// <summary>One customer.</summary>
    [HttpGet("{id:int}")]
    public async Task<ActionResult<CustomerDto>> Get(int id, CancellationToken ct) =>
        await customers.FindCustomerAsync(id, ct) is { } c ? CustomerDto.From(c) : NotFound();

    /// <summary>Creates a customer; 201 with it and its address in Location.</summary>
    [HttpPost]
    [ProducesResponseType<CustomerDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<CustomerDto>> Create(CustomerInput input, CancellationToken ct)
    {
        var created = await customers.CreateCustomerAsync(input, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, CustomerDto.From(created));
    }

    /// <summary>Replaces the customer: a field left out takes its default.</summary>
    [HttpPut("{id:int}")]
    public async Task<CustomerDto> Update(int id, CustomerInput input, CancellationToken ct) =>
        CustomerDto.From(await customers.UpdateCustomerAsync(id, input, ct));
}
