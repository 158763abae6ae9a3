using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Permissions;

/// <summary>
/// The role table of docs/rules.md#roles, enforced: one test per (role, action), generated from <see cref="Actions"/> and
/// <see cref="Domain.Users.Permissions.Table"/>. Each sends the real request (a page, or a form post with the role's own
/// antiforgery token, the form's fields read from the page an admin sees) and checks the answer: allowed, and the change
/// made; or refused with 403/404, and nothing changed.
/// </summary>
public sealed class PermissionMatrixTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One thing a person may try: the page to open (or the page holding the form to post), and what it changes.</summary>
    public sealed record MatrixAction(
        string Name, Permission Permission, Func<Case, Task<string>> Page, string? Form = null,
        Func<Case, Dictionary<string, string[]>>? Values = null, Func<Case, Task<string>>? State = null, bool Changes = true);

    public static readonly MatrixAction[] Actions =
    [
        new("list promo codes", Permission.View, _ => Task.FromResult("/promo-codes")),
        new("view a promo code", Permission.View, async c => $"/promo-codes/{await c.CodeIdAsync()}"),
        new("list batches", Permission.View, _ => Task.FromResult("/batches")),
        new("view a batch", Permission.View, async c => $"/batches/{await c.BatchIdAsync()}"),
        new("list promo code groups", Permission.View, _ => Task.FromResult("/promo-code-groups")),
        new("open Diagnose", Permission.View, _ => Task.FromResult("/diagnose")),
        new("run Diagnose", Permission.View, async c => $"/diagnose?code={await c.CodeTextAsync()}", "form[action='/diagnose']", Changes: false,
            State: _ => Task.FromResult("")),
        new("list redemptions", Permission.View, _ => Task.FromResult("/redemptions")),
        new("download the redemptions CSV", Permission.DownloadCsv, _ => Task.FromResult("/redemptions/export.csv")),
        new("open the reports", Permission.View, _ => Task.FromResult("/reports")),
        new("download a report's CSV", Permission.DownloadCsv, _ => Task.FromResult("/reports/top-codes.csv")),
        new("open a redemption's void confirmation", Permission.VoidRedemptions, async c => $"/redemptions/{await c.RedemptionIdAsync()}/void"),
        new("void a redemption", Permission.VoidRedemptions, async c => $"/redemptions/{await c.RedemptionIdAsync()}/void", "#void-form", null,
            async c => (await c.CountAsync(db => db.Redemptions.Where(x => x.Id == c.RedemptionId).Select(x => x.Status).FirstAsync(Ct))).ToString()),
        new("download the promo codes CSV", Permission.DownloadCsv, _ => Task.FromResult("/promo-codes/export")),
        new("download a batch's CSV", Permission.DownloadCsv, async c => $"/batches/{await c.BatchIdAsync()}/export"),
        new("open the create code form", Permission.ManageCodes, _ => Task.FromResult("/promo-codes/create")),
        new("create a code", Permission.ManageCodes, _ => Task.FromResult("/promo-codes/create"), "form[action='/promo-codes/save']",
            c => new() { ["Code"] = ["NEW" + c.Tag], ["Amount"] = ["10"] },
            async c => (await c.CountAsync(db => db.PromoCodes.CountAsync(x => x.Code == "NEW" + c.Tag, Ct))).ToString()),
        new("edit a code", Permission.ManageCodes, async c => $"/promo-codes/{await c.CodeIdAsync()}/edit", "form[action='/promo-codes/save']",
            _ => new() { ["Description"] = ["Edited"] },
            async c => await c.CountAsync(async db => (await db.PromoCodes.FirstAsync(x => x.Id == c.CodeId, Ct)).Description ?? "")),
        new("archive a code", Permission.ManageCodes, async c => $"/promo-codes?code={await c.CodeTextAsync()}", "form[action='/promo-codes/{code}/archive']",
            null, async c => await c.CountAsync(async db => (await db.PromoCodes.FirstAsync(x => x.Id == c.CodeId, Ct)).IsArchived.ToString())),
        new("copy a code to another location", Permission.ManageCodes, async c => $"/promo-codes/{await c.CodeIdAsync()}/copy", "form[action$='/copy']",
            c => new() { ["locationKeys"] = [c.World.Away] },
            async c => (await c.CountAsync(db => db.PromoCodes.CountAsync(x => x.Code == c.CodeText && x.LocationId == c.World.AwayId, Ct))).ToString()),
        new("bulk update codes", Permission.ManageCodes, async c => $"/promo-codes/bulk-update?codeId={await c.CodeIdAsync()}", "form[data-bulk-form]",
            c => new() { ["Selection"] = ["Codes"], ["CodeIds"] = [c.CodeId.ToString()], ["Fields"] = ["amount"], ["Values.Amount"] = ["11"] },
            async c => await c.CountAsync(async db => (await db.PromoCodes.FirstAsync(x => x.Id == c.CodeId, Ct)).Amount.ToString())),
        new("create a promo code group", Permission.ManageCodes, _ => Task.FromResult("/promo-code-groups/create"), "form[action='/promo-code-groups/save']",
            c => new() { ["Name"] = ["Group " + c.Tag] },
            async c => (await c.CountAsync(db => db.PromoCodeGroups.CountAsync(x => x.Name == "Group " + c.Tag, Ct))).ToString()),
        new("generate a batch", Permission.GenerateBatches, _ => Task.FromResult("/batches/generate"), "#generate-batch",
            c => new()
            {
                ["Method"] = ["Count"], ["Count"] = ["2"], ["Name"] = ["Batch " + c.Tag], ["Settings.Amount"] = ["10"],
                ["Settings.QuantityChoice"] = ["Limited"], ["Settings.Quantity"] = ["1"], ["Settings.PurchaseDates"] = ["Between"],
                ["Settings.PurchaseStart"] = [Case.Today], ["Settings.PurchaseEnd"] = [Case.InAMonth],
            },
            async c => (await c.CountAsync(db => db.Batches.CountAsync(x => x.Name == "Batch " + c.Tag, Ct))).ToString()),
        new("clone a batch code", Permission.GenerateBatches, async c => $"/batches/{await c.BatchIdAsync()}", "form[action$='/clone']",
            _ => new() { ["count"] = ["2"] },
            async c => (await c.CountAsync(db => db.PromoCodes.CountAsync(x => x.BatchId == c.BatchId, Ct))).ToString()),
        new("modify a batch's inventory", Permission.ManageBatches, async c => $"/batches/{await c.BatchIdAsync()}/inventory", "#inventory-form",
            _ => new() { ["Action"] = ["Set"], ["Amount"] = ["7"], ["Confirmed"] = ["true"] },
            async c => string.Join(',', await c.CountAsync(db => db.PromoCodeInventory.Where(i => db.PromoCodes.Any(x => x.Id == i.PromoCodeId && x.BatchId == c.BatchId))
                .Select(i => i.Quantity).ToListAsync(Ct)))),
        new("delete a batch", Permission.ManageBatches, async c => $"/batches/{await c.BatchIdAsync()}/delete", "form[action$='/delete']",
            null, async c => (await c.CountAsync(db => db.Batches.CountAsync(x => x.Id == c.BatchId, Ct))).ToString()),
        new("disable a batch's codes", Permission.ManageBatches, async c => $"/batches/{await c.BatchIdAsync()}/disable", "#batch-change",
            null, async c => (await c.CountAsync(db => db.Batches.CountAsync(x => x.Id == c.BatchId && x.Disabled, Ct))).ToString()),
        new("archive a batch's codes", Permission.ManageBatches, async c => $"/batches/{await c.BatchIdAsync()}/archive", "#batch-change",
            null, async c => (await c.CountAsync(db => db.Batches.CountAsync(x => x.Id == c.BatchId && x.Archived, Ct))).ToString()),
        // The batch's codes are enabled and active already: what an allowed enable or unarchive leaves is its one audit entry.
        new("enable a batch's codes", Permission.ManageBatches, async c => $"/batches/{await c.BatchIdAsync()}/enable", "#batch-change",
            null, c => c.BatchEntriesAsync("enable")),
        new("unarchive a batch's codes", Permission.ManageBatches, async c => $"/batches/{await c.BatchIdAsync()}/unarchive", "#batch-change",
            null, c => c.BatchEntriesAsync("unarchive")),
        new("change a batch's settings", Permission.ManageBatches, async c => $"/batches/{await c.BatchIdAsync()}/settings", "#batch-settings",
            _ => new() { ["Fields"] = ["amount"], ["Values.Amount"] = ["11"] },
            async c => string.Join(',', await c.CountAsync(db => db.PromoCodes.Where(x => x.BatchId == c.BatchId).Select(x => x.Amount).ToListAsync(Ct)))),
        // The long pick lists' searches (docs/rules.md#pickers): what the least of the forms showing them needs.
        new("search catalog items for a picker", Permission.GenerateBatches, c => Task.FromResult($"/catalog/items/search?q={c.World.Tag}")),
        new("search campaigns for a picker", Permission.GenerateBatches, _ => Task.FromResult("/campaigns/search?q=a")),
        new("search segments for a picker", Permission.GenerateBatches, _ => Task.FromResult("/customers/segments/search?q=a")),
        new("list the catalog", Permission.ManageReferenceData, _ => Task.FromResult("/catalog")),
        new("create a catalog item", Permission.ManageReferenceData, _ => Task.FromResult("/catalog/create"), "form[action='/catalog/save']",
            c => new() { ["Key"] = ["item-m-" + c.Tag], ["Name"] = ["Item " + c.Tag], ["Kind"] = ["Item"] },
            async c => (await c.CountAsync(db => db.CatalogItems.CountAsync(x => x.Key == "item-m-" + c.Tag, Ct))).ToString()),
        new("list customers", Permission.ManageReferenceData, _ => Task.FromResult("/customers")),
        new("create a customer", Permission.ManageReferenceData, _ => Task.FromResult("/customers/create"), "form[action='/customers/save']",
            c => new() { ["Key"] = ["cust-m-" + c.Tag], ["Name"] = ["Customer " + c.Tag] },
            async c => (await c.CountAsync(db => db.Customers.CountAsync(x => x.Key == "cust-m-" + c.Tag, Ct))).ToString()),
        new("list campaigns", Permission.ManageReferenceData, _ => Task.FromResult("/campaigns")),
        new("create a campaign", Permission.ManageReferenceData, _ => Task.FromResult("/campaigns/create"), "form[action='/campaigns/save']",
            c => new() { ["Name"] = ["Campaign " + c.Tag] },
            async c => (await c.CountAsync(db => db.Campaigns.CountAsync(x => x.Name == "Campaign " + c.Tag, Ct))).ToString()),
        new("list locations", Permission.ManageReferenceData, _ => Task.FromResult("/locations")),
        new("create a location", Permission.ManageReferenceData, _ => Task.FromResult("/locations/create"), "form[action='/locations/save']",
            c => new() { ["Key"] = ["loc-m-" + c.Tag], ["Name"] = ["Location " + c.Tag] },
            async c => (await c.CountAsync(db => db.Locations.CountAsync(x => x.Key == "loc-m-" + c.Tag, Ct))).ToString()),
        new("list API clients", Permission.Administer, _ => Task.FromResult("/api-clients")),
        new("create an API client", Permission.Administer, _ => Task.FromResult("/api-clients"), "form[action='/api-clients']",
            c => new() { ["Name"] = ["Client " + c.Tag], ["Scopes"] = ["checkout"] },
            async c => (await c.CountAsync(db => db.ApiClients.CountAsync(x => x.Name == "Client " + c.Tag, Ct))).ToString()),
        new("open the audit trail", Permission.ViewAudit, _ => Task.FromResult("/audit")),
        new("export the audit trail", Permission.Administer, _ => Task.FromResult("/audit/export")),
        new("open a code's history", Permission.View, async c => $"/promo-codes/{await c.CodeIdAsync()}/history"),
        new("list users", Permission.Administer, _ => Task.FromResult("/users")),
        new("create a user", Permission.Administer, _ => Task.FromResult("/users/create"), "form[action='/users/create']",
            c => new() { ["Email"] = [$"made-{c.Tag}@test.promoadmin"], ["Role"] = [Roles.Viewer] },
            async c => (await c.CountAsync(db => db.Users.CountAsync(x => x.Email == $"made-{c.Tag}@test.promoadmin", Ct))).ToString()),
        new("open account settings", Permission.Administer, _ => Task.FromResult("/settings")),
        // Saved unchanged: the settings are the whole app's, and other tests read them.
        new("save account settings", Permission.Administer, _ => Task.FromResult("/settings"), "form[action='/settings']", null,
            async c => await c.CountAsync(async db => System.Text.Json.JsonSerializer.Serialize(await db.AccountSettings.AsNoTracking().FirstAsync(Ct))), Changes: false),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Roles.All)
            foreach (var action in Actions) data.Add(role, action.Name);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Each_role_may_do_exactly_what_the_role_table_allows(string role, string actionName)
    {
        var action = Actions.Single(a => a.Name == actionName);
        var people = await People.GetAsync(app);
        var c = new Case(app, people.World, TestData.NewTag());
        var session = people.Sessions[role];
        var allowed = Domain.Users.Permissions.Allows(role, action.Permission);
        var url = await action.Page(c);

        HttpResponseMessage response;
        string? before = null;
        if (action.Form is null)
        {
            response = await session.Client.GetAsync(url, Ct);
        }
        else
        {
            // The form as an admin sees it; posted by this role, with this role's own antiforgery token.
            var page = await people.Admin.GetPageAsync(url);
            var selector = action.Form.Replace("{code}", c.CodeId.ToString(), StringComparison.Ordinal);
            var (target, fields) = people.Admin.FormOf(page, selector, action.Values?.Invoke(c));
            fields.RemoveAll(f => f.Key == "__RequestVerificationToken");
            fields.Add(new("__RequestVerificationToken", people.Tokens[role]));
            before = await action.State!(c);
            response = await session.Client.PostAsync(target, new FormUrlEncodedContent(fields), Ct);
        }
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        if (allowed)
        {
            Assert.True(status is 200 || (status is 302 && !location.Contains("/account/sign-in") && !location.Contains("/error")),
                $"{role} should {actionName}: {status} {location}");
            if (action.Form is not null && action.Changes && before == await action.State!(c))
            {
                var answer = await WebSession.ParseAsync(response);
                Assert.Fail($"{role} was allowed to {actionName} but nothing changed: {status} {answer.QuerySelector(".error-summary")?.TextContent.Trim()}");
            }
        }
        else
        {
            Assert.True(status is 403 or 404, $"{role} must not {actionName}: {status} {location}");
            if (action.Form is not null) Assert.Equal(before, await action.State!(c));
        }
    }

    /// <summary>The navigation's entries and the permission each needs: a role sees exactly those it may open.</summary>
    private static readonly (string Href, Permission Permission)[] Navigation =
    [
        ("/promo-codes", Permission.View), ("/batches", Permission.View), ("/promo-code-groups", Permission.View), ("/diagnose", Permission.View),
        ("/catalog", Permission.ManageReferenceData), ("/customers", Permission.ManageReferenceData), ("/campaigns", Permission.ManageReferenceData),
        ("/locations", Permission.ManageReferenceData), ("/users", Permission.Administer), ("/api-clients", Permission.Administer),
        ("/settings", Permission.Administer), ("/audit", Permission.ViewAudit), ("/redemptions", Permission.View),
        ("/reports", Permission.View),
    ];

    public static TheoryData<string> EveryRole() => new(Roles.All);

    [Theory, MemberData(nameof(EveryRole))]
    public async Task The_navigation_shows_each_role_exactly_what_it_may_open(string role)
    {
        var people = await People.GetAsync(app);
        var session = people.Sessions[role];
        var page = await session.GetPageAsync("/");
        var links = page.QuerySelectorAll("nav.app-nav a").Select(a => a.GetAttribute("href")!).ToList();
        var expected = Navigation.Where(n => Domain.Users.Permissions.Allows(role, n.Permission)).Select(n => n.Href).ToList();
        Assert.Equal(expected.Order(), links.Where(l => Navigation.Any(n => n.Href == l)).Order());
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(link, Ct)).StatusCode);
    }

    /// <summary>What one case works on: its own code and batch at the shared home location, made when first asked for.</summary>
    public sealed class Case(SharedApp app, TestWorld world, string tag)
    {
        public static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        public static readonly string InAMonth = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        public TestWorld World { get; } = world;
        public string Tag { get; } = tag;
        public string CodeText => "MX" + Tag.ToUpperInvariant();
        public int CodeId { get; private set; }
        public int BatchId { get; private set; }

        public async Task<T> CountAsync<T>(Func<Domain.Data.PromoAdminDbContext, Task<T>> read)
        {
            await using var scope = app.Db();
            return await read(scope.Context);
        }

        public async Task<string> CodeTextAsync()
        {
            await CodeIdAsync();
            return CodeText;
        }

        /// <summary>How many entries of <paramref name="action"/> the case's batch has in the audit trail.</summary>
        public async Task<string> BatchEntriesAsync(string action)
        {
            var id = BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (await CountAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "batch" && e.EntityId == id && e.Action == action, Ct))).ToString();
        }

        /// <summary>A code within every customer-service limit, so that only the role decides.</summary>
        public async Task<int> CodeIdAsync()
        {
            if (CodeId != 0) return CodeId;
            var code = await app.AddCodeAsync(World.HomeId, CodeText, Limited);
            return CodeId = code.Id;
        }

        public long RedemptionId { get; private set; }

        /// <summary>An applied redemption of the case's code at its location.</summary>
        public async Task<long> RedemptionIdAsync()
        {
            if (RedemptionId != 0) return RedemptionId;
            await CodeIdAsync();
            await using var scope = app.Db();
            var redemption = new Domain.Redemptions.Redemption
            {
                PromoCodeId = CodeId, CodeText = CodeText, LocationId = World.HomeId, OrderNumber = "MX-" + Tag, Discount = 1m,
                Status = Domain.Redemptions.RedemptionStatus.Applied, RedeemedAt = DateTimeOffset.UtcNow,
            };
            scope.Context.Redemptions.Add(redemption);
            await scope.Context.SaveChangesAsync(Ct);
            return RedemptionId = redemption.Id;
        }

        /// <summary>A ready batch of two codes within the customer-service limits.</summary>
        public async Task<int> BatchIdAsync()
        {
            if (BatchId != 0) return BatchId;
            await using var scope = app.Db();
            var db = scope.Context;
            var batch = new Batch
            {
                LocationId = World.HomeId, Name = "Matrix " + Tag, Method = GenerationMethod.Count, RequestedCount = 2, GeneratedCount = 2,
                Status = BatchStatus.Ready, SettingsJson = "{}", CreatedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow,
            };
            db.Batches.Add(batch);
            await db.SaveChangesAsync(Ct);
            for (var i = 0; i < 2; i++)
                db.PromoCodes.Add(TestData.NewCode(World.HomeId, $"MB{i}{Tag.ToUpperInvariant()}", code => { Limited(code); code.BatchId = batch.Id; }));
            await db.SaveChangesAsync(Ct);
            return BatchId = batch.Id;
        }

        private static void Limited(Domain.PromoCodes.PromoCode code)
        {
            code.Amount = 10;
            code.Inventory.Quantity = 1;
            code.PurchaseStart = DateOnly.FromDateTime(DateTime.UtcNow);
            code.PurchaseEnd = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));
        }
    }

    /// <summary>A signed-in session per role, each with its antiforgery token, all working at one location; made once.</summary>
    private sealed record People(TestWorld World, WebSession Admin, Dictionary<string, WebSession> Sessions, Dictionary<string, string> Tokens)
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static People? made;

        public static async Task<People> GetAsync(SharedApp app)
        {
            await Gate.WaitAsync(Ct);
            try
            {
                if (made is not null) return made;
                var world = await app.WorldAsync();
                var sessions = new Dictionary<string, WebSession>();
                var tokens = new Dictionary<string, string>();
                foreach (var role in Roles.All)
                {
                    var email = $"{role.ToLowerInvariant()}-{world.Tag}@test.promoadmin";
                    await app.UserAsync(email, "Matrix-pass-2026", role);
                    var session = (await WebSession.SignedInAsync(app, email, "Matrix-pass-2026")).At(world.Home);
                    sessions[role] = session;
                    tokens[role] = TokenOf(await session.GetPageAsync("/promo-codes"));
                }
                var admin = (await WebSession.SignedInAsync(app)).At(world.Home);
                return made = new People(world, admin, sessions, tokens);
            }
            finally
            {
                Gate.Release();
            }
        }

        private static string TokenOf(IHtmlDocument page) =>
            ((IHtmlInputElement)page.QuerySelector("#location-switcher input[name=__RequestVerificationToken]")!).Value;
    }
}
