using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Locations;

public sealed record LocationInput(string? Key, string? Name, string? TimeZone);

public sealed class LocationInputValidator : AbstractValidator<LocationInput>
{
    public LocationInputValidator()
    {
        RuleFor(x => x.Key).NotEmpty().WithMessage("Key is required.")
            .Matches("^[a-z0-9][a-z0-9-]{0,63}$").WithMessage("Key must be a slug: lower-case letters, digits and hyphens.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
        RuleFor(x => x.TimeZone).NotEmpty().WithMessage("Time zone is required.")
            .Must(tz => tz is null || TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            .WithMessage("Time zone must be an IANA zone such as America/New_York.");
    }
}

/// <summary>
/// Locations, and the one resolver of a location a request names: to a user limited to some locations, the others do not
/// exist (docs/rules.md#users).
/// </summary>
public sealed class LocationService(PromoAdminDbContext db, IValidator<LocationInput> validator, AuditLog audit, TimeProvider clock, Users.Actor actor)
{
    /// <summary>The locations page's list: the locations the actor sees.</summary>
    public Task<Page<Location>> ListAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Locations.AsNoTracking();
        if (actor.LocationIds is { } seen) query = query.Where(l => seen.Contains(l.Id));
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.WhereAnyContains(db, search, l => l.Name, l => l.Key);
        }
        return query.OrderBy(l => l.Name).ThenBy(l => l.Id).ToPageAsync(page, ct);
    }

    /// <summary>Every location the actor sees, by name.</summary>
    public async Task<List<Location>> AllAsync(CancellationToken ct = default)
    {
        var all = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        return actor.SeesAll ? all : all.Where(l => actor.Sees(l.Id)).ToList();
    }

    /// <summary>The location by id, or null when there is none or the actor does not see it.</summary>
    public async Task<Location?> FindAsync(int id, CancellationToken ct = default) =>
        actor.Sees(id) ? await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) : null;

    /// <summary>The one wording of "that location key names no location", wherever a request names one.</summary>
    public static string UnknownMessage(string? key) => $"Location '{key}' does not exist.";

    /// <summary>Whether a location has this key; validators check a named location with it.</summary>
    public static Task<bool> ExistsAsync(PromoAdminDbContext db, string? key, CancellationToken ct) =>
        db.Locations.AnyAsync(l => l.Key == key, ct);

    /// <summary>The id of the location a request names, or null when it names none; an unknown key is a 400 on <paramref name="field"/>.</summary>
    public async Task<int?> IdOfAsync(string? key, string field = "locationKey", CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key)) return null;
        return await db.Locations.Where(l => l.Key == key).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct) is int id && actor.Sees(id)
            ? id : throw new DomainValidationException(field, UnknownMessage(key));
    }

    /// <summary>The location a request must name: a missing or unknown key is a 400 on <paramref name="field"/>.</summary>
    public async Task<Location> RequireAsync(string? key, string field = "locationKey", CancellationToken ct = default) =>
        await FindByKeyAsync(key, ct) ?? throw new DomainValidationException(field, MissingMessage(key, field));

    /// <summary>Why a request that must name a location does not: the key is missing, or names no location.</summary>
    public static string MissingMessage(string? key, string field = "locationKey") =>
        string.IsNullOrEmpty(key) ? $"{field} is required." : UnknownMessage(key);

    public async Task<Location?> FindByKeyAsync(string? key, CancellationToken ct = default) =>
        string.IsNullOrEmpty(key) ? null
        : await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Key == key, ct) is { } l && actor.Sees(l.Id) ? l : null;

    public async Task<Location> CreateAsync(LocationInput input, CancellationToken ct = default)
    {
        await validator.EnsureValidAsync(input, ct);
        // A limited user would not see the location they add: adding locations is for users of every location.
        if (!actor.SeesAll) throw new DomainValidationException("key", "Only a user of every location can add locations.");
        return await audit.SaveNewAsync(async token =>
        {
            var location = new Location { Key = input.Key!, Name = input.Name!.Trim(), TimeZone = input.TimeZone!, CreatedAt = clock.GetUtcNow() };
            db.Locations.Add(location);
            await db.SaveOrDuplicateAsync("key", $"A location with key '{input.Key}' already exists.", token);
            return location;
        }, location => audit.Record(AuditEntities.Location, location.Id, location.Name, AuditActions.Create, location.Key,
            AuditLog.Diff(null, new { location.Key, location.Name, location.TimeZone })), ct);
    }

    public async Task<Location> UpdateAsync(int id, LocationInput input, CancellationToken ct = default)
    {
        await validator.EnsureValidAsync(input, ct);
        var location = (actor.Sees(id) ? await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct) : null) ?? throw new NotFoundException($"Location {id} not found.");
        location.Key = input.Key!;
        location.Name = input.Name!.Trim();
        location.TimeZone = input.TimeZone!;
        audit.Record(AuditEntities.Location, location.Id, location.Name, AuditActions.Update, location.Key, audit.TrackedChanges(location));
        await db.SaveOrDuplicateAsync("key", $"A location with key '{input.Key}' already exists.", ct);
        return location;
    }
}
