using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Tests;

/// <summary>
/// The one test-data builder of the integration and browser tests: a test arranges its own rows in the app's database,
/// every key and name carrying a tag of its own, so that tests sharing one app never see each other's data (a list is
/// read at the test's own location, or filtered by its tag).
/// </summary>
public static class TestData
{
    /// <summary>A fresh tag for keys and names: eight hex digits.</summary>
    public static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Two locations of its own (home in New York, away in London) and a catalog item of each kind, all tagged.
    /// Names default to "Home {tag}" and "Away {tag}"; a browser test may pass names that read well in its screenshots.
    /// </summary>
    public static async Task<TestWorld> WorldAsync(this PromoAdminFactory app, string? homeName = null, string? awayName = null)
    {
        var tag = NewTag();
        await using var scope = app.Db();
        var db = scope.Context;
        var home = new Location { Key = $"home-{tag}", Name = homeName ?? $"Home {tag}", TimeZone = "America/New_York" };
        var away = new Location { Key = $"away-{tag}", Name = awayName ?? $"Away {tag}", TimeZone = "Europe/London" };
        var ev = new CatalogItem { Key = $"event-{tag}", Name = $"Escape Room: The Vault {tag}", Kind = CatalogItemKind.Event };
        var item = new CatalogItem { Key = $"item-{tag}", Name = $"Arcade T-shirt {tag}", Kind = CatalogItemKind.Item };
        var gift = new CatalogItem { Key = $"gift-{tag}", Name = $"Gift card $50 {tag}", Kind = CatalogItemKind.GiftCard };
        db.Locations.AddRange(home, away);
        db.CatalogItems.AddRange(ev, item, gift);
        await db.SaveChangesAsync();
        return new TestWorld(tag, home.Key, away.Key, home.Id, away.Id, home.Name, away.Name, ev.Key, ev.Name, item.Key, item.Name, gift.Key, gift.Name);
    }

    /// <summary>A code as the admin's form or the API would create it, through the domain's service (validation and all).</summary>
    public static async Task<PromoCode> CodeAsync(this PromoAdminFactory app, PromoCodeInput input)
    {
        await using var scope = app.Db();
        return await scope.Services.GetRequiredService<PromoCodeService>().CreateAsync(input);
    }

    /// <summary>
    /// A code row written straight to the database (any state, even one the service would refuse): unlimited, no rules,
    /// amount 0 unless <paramref name="set"/> says otherwise. Not saved: see <see cref="AddCodeAsync"/>.
    /// </summary>
    public static PromoCode NewCode(int locationId, string text, Action<PromoCode>? set = null)
    {
        var now = DateTimeOffset.UtcNow;
        var code = new PromoCode
        {
            LocationId = locationId, Code = text, NormalizedCode = PromoCode.Normalize(text), CreatedAt = now, UpdatedAt = now,
            Inventory = new PromoCodeInventory(),
        };
        set?.Invoke(code);
        return code;
    }

    /// <summary>Saves <see cref="NewCode"/>'s row and returns it with its id.</summary>
    public static async Task<PromoCode> AddCodeAsync(this PromoAdminFactory app, int locationId, string text, Action<PromoCode>? set = null)
    {
        await using var scope = app.Db();
        var code = NewCode(locationId, text, set);
        scope.Context.PromoCodes.Add(code);
        await scope.Context.SaveChangesAsync();
        return code;
    }

    /// <summary>
    /// Many bare codes at once (amount 10%, unlimited) in one transaction of plain SQL: tens of thousands of rows in a
    /// second, where the change tracker would take a minute.
    /// </summary>
    public static async Task InsertCodesAsync(this PromoAdminFactory app, int locationId, IEnumerable<string> codes, bool allLocations = false)
    {
        await using var conn = new SqliteConnection($"Data Source={app.DatabasePath}");
        await conn.OpenAsync();
        await using var tx = conn.BeginTransaction();
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO PromoCodes (LocationId, Code, NormalizedCode, Enabled, RedemptionType, ValueType, Amount, Combinable, InternalOnly,
              AllLocations, ApplicableTo, ApplyOnlyToApplicable, DaysOfWeek, ExclusionDates, EligibilityRules, FirstOrderOnly, OneUsePerAccount,
              FreeShipping, CreditFromOverage, IsArchived, CreatedAt, UpdatedAt)
            VALUES ($loc, $code, $code, 1, 'Percentage', 'PerLineItem', 1000, 0, 0, $all, '[]', 1, 0, '[]', '[]', 0, 0, 0, 0, 0, 0, 0)
            """;
        var loc = cmd.Parameters.Add("$loc", SqliteType.Integer);
        var code = cmd.Parameters.Add("$code", SqliteType.Text);
        var all = cmd.Parameters.Add("$all", SqliteType.Integer);
        foreach (var text in codes)
        {
            (loc.Value, code.Value, all.Value) = (locationId, text, allLocations ? 1 : 0);
            await cmd.ExecuteNonQueryAsync();
        }
        var inventory = conn.CreateCommand();
        inventory.Transaction = tx;
        inventory.CommandText = "INSERT INTO PromoCodeInventory (PromoCodeId, Quantity, TimesUsed) SELECT Id, NULL, 0 FROM PromoCodes WHERE Id NOT IN (SELECT PromoCodeId FROM PromoCodeInventory)";
        await inventory.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>A promo code group, optionally with default settings for new codes; returns its id.</summary>
    public static async Task<int> GroupAsync(this PromoAdminFactory app, string name, string? description = null, PromoCodeInput? defaults = null)
    {
        await using var scope = app.Db();
        return (await scope.Services.GetRequiredService<PromoCodeGroupService>().CreateAsync(new PromoCodeGroupInput(name, description, defaults))).Id;
    }

    /// <summary><paramref name="members"/> customers of their own (keys <c>cust-{tag}-{n}</c>) and a segment of them.</summary>
    public static async Task<TestSegment> SegmentAsync(this PromoAdminFactory app, string name, int members)
    {
        var tag = NewTag();
        await using var scope = app.Db();
        var db = scope.Context;
        var customers = Enumerable.Range(1, members)
            .Select(i => new Customer { Key = $"cust-{tag}-{i}", Name = $"Customer {i}", Email = $"c{i}-{tag}@example.com" }).ToList();
        db.Customers.AddRange(customers);
        var segment = new Segment { Name = name };
        segment.Members.AddRange(customers.Select(c => new SegmentMember { Customer = c }));
        db.Segments.Add(segment);
        await db.SaveChangesAsync();
        return new TestSegment(segment.Id, name, customers.Select(c => (c.Id, c.Key)).ToList()) { Tag = tag };
    }

    /// <summary>
    /// A user who can sign in with <paramref name="password"/>, in <paramref name="role"/> if given, limited to
    /// <paramref name="locationIds"/> if given (every location otherwise).
    /// </summary>
    public static async Task UserAsync(this PromoAdminFactory app, string email, string password, string? role = null, IEnumerable<int>? locationIds = null)
    {
        await using var scope = app.Db();
        var users = scope.Services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, AllLocations = locationIds is null };
        if (locationIds is not null) user.Locations.AddRange(locationIds.Select(id => new UserLocation { UserId = user.Id, LocationId = id }));
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role is not null && !(await users.AddToRoleAsync(user, role)).Succeeded) throw new InvalidOperationException($"Could not add {email} to {role}.");
    }
}

/// <summary>What <see cref="TestData.WorldAsync"/> made: location keys, ids and names, and the catalog items' keys and names.</summary>
public sealed record TestWorld(
    string Tag, string Home, string Away, int HomeId, int AwayId, string HomeName, string AwayName,
    string EventKey, string EventName, string ItemKey, string ItemName, string GiftKey, string GiftName)
{
    /// <summary>A code text of this world's own: the name and the tag, upper case.</summary>
    public string Code(string name) => (name + Tag).ToUpperInvariant();
}

/// <summary>A segment and its members' ids and keys.</summary>
public sealed record TestSegment(int Id, string Name, IReadOnlyList<(int Id, string Key)> Members)
{
    /// <summary>The tag in the members' keys.</summary>
    public required string Tag { get; init; }

    /// <summary>What every member's key starts with.</summary>
    public string MemberKeyPrefix => $"cust-{Tag}-";
}
