using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.ApiClients;

/// <summary>An API client as the API shows it: never its key, only the key's first characters.</summary>
public sealed record ApiClientDto(int Id, string Name, string KeyPrefix, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiClientDto From(ApiClient c) =>
        new(c.Id, c.Name, c.KeyPrefix, c.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), c.CreatedAt, c.RevokedAt);
}

/// <summary>The answer to a create: the only time the key is shown.</summary>
public sealed record CreatedApiClientDto(int Id, string Name, string KeyPrefix, string[] Scopes, DateTimeOffset CreatedAt, string Key);

public sealed record ApiClientRequest(string? Name, List<string>? Scopes);

[Tags("API clients")]
[Route("api/v1/api-clients")]
public sealed class ApiClientsApiController(ApiClientService clients) : AdminApiController
{
    /// <summary>Every API client, revoked ones included; never a key.</summary>
    [HttpGet]
    public async Task<List<ApiClientDto>> List(CancellationToken ct) => (await clients.ListAsync(ct)).Select(ApiClientDto.From).ToList();

    /// <summary>Creates a client with the scopes <c>checkout</c> and/or <c>admin</c>; the key is in this answer only (stored hashed).</summary>
    [HttpPost]
    [ProducesResponseType<CreatedApiClientDto>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(ApiClientRequest request, CancellationToken ct)
    {
        var created = await clients.CreateAsync(request.Name, request.Scopes ?? [], ct);
        var c = ApiClientDto.From(created.Client);
        Response.Headers.CacheControl = "no-store";
        return Created($"/api/v1/api-clients/{c.Id}", new CreatedApiClientDto(c.Id, c.Name, c.KeyPrefix, c.Scopes, c.CreatedAt, created.Key));
    }

    /// <summary>Revokes the key: refused at once by this instance, by every instance within the API-key cache's lifetime.</summary>
    [HttpPost("{id:int}/revoke")]
    public async Task<ApiClientDto> Revoke(int id, CancellationToken ct)
    {
        await clients.RevokeAsync(id, ct);
        return ApiClientDto.From((await clients.ListAsync(ct)).First(c => c.Id == id));
    }
}
