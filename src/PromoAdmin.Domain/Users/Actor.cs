namespace PromoAdmin.Domain.Users;

public enum ActorType { User, ApiClient, System }

/// <summary>
/// Who is acting in this scope: a signed-in user, an API client, or the system (start-up, the batch worker). Built once
/// per request by the web layer; the services read it for the audit trail, the customer-service limits and location scoping.
/// </summary>
public sealed class Actor
{
    public ActorType Type { get; private set; } = ActorType.System;
    /// <summary>The user's email, <c>api:&lt;client name&gt;</c>, or <c>system</c>.</summary>
    public string Name { get; private set; } = "system";
    public string? UserId { get; private set; }
    public string? Role { get; private set; }
    /// <summary>The locations a user is limited to; null when the actor sees every location.</summary>
    public IReadOnlySet<int>? LocationIds { get; private set; }

    public void SetUser(string userId, string email, string? role, IReadOnlySet<int>? locationIds)
    {
        (Type, UserId, Name, Role, LocationIds) = (ActorType.User, userId, email, role, locationIds);
    }

    public void SetApiClient(string clientName)
    {
        (Type, UserId, Name, Role, LocationIds) = (ActorType.ApiClient, null, "api:" + clientName, null, null);
    }

    public bool IsCustomerService => Type == ActorType.User && Role == Roles.CustomerService;

    /// <summary>Whether the actor may see what belongs to this location.</summary>
    public bool Sees(int locationId) => LocationIds is null || LocationIds.Contains(locationId);

    /// <summary>Sees every location: may make codes available at all locations.</summary>
    public bool SeesAll => LocationIds is null;

    /// <summary>
    /// A location the actor may not see is, to them, a location that does not exist: the same message as an unknown key,
    /// on the field that named it (docs/rules.md#users).
    /// </summary>
    public void EnsureCanActAt(int locationId, string? key, string field)
    {
        if (!Sees(locationId)) throw new Common.DomainValidationException(field, Locations.LocationService.UnknownMessage(key));
    }

    /// <summary>Only someone who sees every location may make a code available at all of them.</summary>
    public void EnsureMayShareEverywhere(bool? allLocations, string field = "allLocations")
    {
        if (allLocations == true && !SeesAll)
            throw new Common.DomainValidationException(field, "Only a user of every location can make codes available at all locations.");
    }

    public static string TypeName(ActorType type) => type switch
    {
        ActorType.User => "user",
        ActorType.ApiClient => "apiClient",
        _ => "system",
    };
}
