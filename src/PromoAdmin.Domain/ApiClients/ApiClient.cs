namespace PromoAdmin.Domain.ApiClients;

public static class ApiScopes
{
    public const string Checkout = "checkout";
    public const string Admin = "admin";
    public static readonly string[] All = [Checkout, Admin];
}

/// <summary>A system that calls the API with an X-Api-Key. Only the key's SHA-256 is kept.</summary>
public class ApiClient
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's first characters, shown so that an admin can tell keys apart.</summary>
    public required string KeyPrefix { get; set; }
    /// <summary>Hex SHA-256 of the whole key.</summary>
    public required string KeyHash { get; set; }
    /// <summary>Space-separated scopes.</summary>
    public required string Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
