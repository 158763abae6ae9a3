using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Domain.Users;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.BrowserTests.Accessibility;

/// <summary>
/// axe-core on every page a role can open (docs/rules.md#accessibility): the navigation pages, the detail, edit and
/// create pages of data built here, the confirmation pages, and the forms after a refused post (their error summary).
/// A violation of impact serious or critical fails, named by page, rule and element. One class per role (below), so
/// that the roles run side by side with the other test classes; each role's pages share one browser context.
/// </summary>
public abstract class AxeBrowserTests(BrowserFixture browser, string role) : BrowserTest
{
    /// <summary>The role whose pages this class checks.</summary>
    public string Role { get; } = role;

    private const string Password = "Axe-pass-2026!";

    /// <summary>What the pages show: a code with a redemption, a batch (ready and one generating), and a row of each kind.</summary>
    private sealed record Place(
        TestWorld World, int CodeId, string CodeText, int GroupId, int BatchId, int GeneratingBatchId, int ItemId, int VariantGroupId,
        int CustomerId, int SegmentId, int CampaignId, int LookupId, int ApiClientId, string UserId, long RedemptionId);

    /// <summary>A page to check: who may open it, where it is, and what to do there first (a refused post), then what to wait for.</summary>
    private sealed record AxePage(string Name, Permission Permission, Func<Place, string> Path, string? Submit = null, string? WaitFor = null);

    /// <summary>What a refused post shows: the error summary, a validation summary or a field's message.</summary>
    internal const string Refused = "[data-error-summary], .validation-summary-errors, .field-validation-error";

    private static readonly AxePage[] Pages =
    [
        new("dashboard", Permission.View, _ => "/"),
        new("promo codes", Permission.View, _ => "/promo-codes"),
        new("archived promo codes", Permission.View, _ => "/promo-codes?tab=archived"),
        new("a promo code", Permission.View, p => $"/promo-codes/{p.CodeId}"),
        new("a promo code's history", Permission.View, p => $"/promo-codes/{p.CodeId}/history"),
        new("a promo code's transactions", Permission.View, p => $"/promo-codes/{p.CodeId}/transactions"),
        new("batches", Permission.View, _ => "/batches"),
        new("a batch", Permission.View, p => $"/batches/{p.BatchId}"),
        new("a generating batch", Permission.View, p => $"/batches/{p.GeneratingBatchId}"),
        new("promo code groups", Permission.View, _ => "/promo-code-groups"),
        new("redemptions", Permission.View, p => $"/redemptions?code={p.CodeText}"),
        new("redemptions, a filter refused", Permission.View, p => $"/redemptions?code={p.CodeText}&from=2026-12-05&to=2026-12-01"),
        new("reports", Permission.View, p => $"/reports?locationKey={p.World.Home}"),
        new("reports, a filter refused", Permission.View, _ => "/reports?days=7"),
        new("diagnose", Permission.View, _ => "/diagnose"),
        new("diagnose, a verdict", Permission.View, p => $"/diagnose?code={p.CodeText}", "Check this code", "#diagnosis"),
        new("change password", Permission.View, _ => "/account/password"),
        new("change password, refused", Permission.View, _ => "/account/password", "Change password", Refused),

        new("create a code", Permission.ManageCodes, _ => "/promo-codes/create"),
        new("create a code, refused", Permission.ManageCodes, _ => "/promo-codes/create", "Create", Refused),
        new("edit a code", Permission.ManageCodes, p => $"/promo-codes/{p.CodeId}/edit"),
        new("copy a code", Permission.ManageCodes, p => $"/promo-codes/{p.CodeId}/copy"),
        new("bulk update", Permission.ManageCodes, p => $"/promo-codes/bulk-update?codeId={p.CodeId}"),
        new("create a promo code group", Permission.ManageCodes, _ => "/promo-code-groups/create"),
        new("edit a promo code group", Permission.ManageCodes, p => $"/promo-code-groups/{p.GroupId}/edit"),

        new("void a redemption", Permission.VoidRedemptions, p => $"/redemptions/{p.RedemptionId}/void"),

        new("generate a batch", Permission.GenerateBatches, _ => "/batches/generate"),
        new("generate a batch, refused", Permission.GenerateBatches, _ => "/batches/generate", "Generate Batch", Refused),

        new("a batch's inventory", Permission.ManageBatches, p => $"/batches/{p.BatchId}/inventory"),
        new("disable a batch", Permission.ManageBatches, p => $"/batches/{p.BatchId}/disable"),
        new("a batch's settings", Permission.ManageBatches, p => $"/batches/{p.BatchId}/settings"),
        new("delete a batch", Permission.ManageBatches, p => $"/batches/{p.BatchId}/delete"),

        new("catalog", Permission.ManageReferenceData, _ => "/catalog"),
        new("create a catalog item", Permission.ManageReferenceData, _ => "/catalog/create"),
        new("edit a catalog item", Permission.ManageReferenceData, p => $"/catalog/{p.ItemId}/edit"),
        new("variant targeting groups", Permission.ManageReferenceData, _ => "/catalog/variant-targeting-groups"),
        new("create a variant targeting group", Permission.ManageReferenceData, _ => "/catalog/variant-targeting-groups/create"),
        new("edit a variant targeting group", Permission.ManageReferenceData, p => $"/catalog/variant-targeting-groups/{p.VariantGroupId}/edit"),
        new("customers", Permission.ManageReferenceData, _ => "/customers"),
        new("create a customer", Permission.ManageReferenceData, _ => "/customers/create"),
        new("edit a customer", Permission.ManageReferenceData, p => $"/customers/{p.CustomerId}/edit"),
        new("segments", Permission.ManageReferenceData, _ => "/customers/segments"),
        new("a segment", Permission.ManageReferenceData, p => $"/customers/segments/{p.SegmentId}"),
        new("create a segment", Permission.ManageReferenceData, _ => "/customers/segments/create"),
        new("edit a segment", Permission.ManageReferenceData, p => $"/customers/segments/{p.SegmentId}/edit"),
        new("campaigns", Permission.ManageReferenceData, _ => "/campaigns"),
        new("create a campaign", Permission.ManageReferenceData, _ => "/campaigns/create"),
        new("edit a campaign", Permission.ManageReferenceData, p => $"/campaigns/{p.CampaignId}/edit"),
        new("lookups", Permission.ManageReferenceData, _ => "/campaigns/lookups"),
        new("create a lookup", Permission.ManageReferenceData, _ => "/campaigns/lookups/create"),
        new("edit a lookup", Permission.ManageReferenceData, p => $"/campaigns/lookups/{p.LookupId}/edit"),
        new("locations", Permission.ManageReferenceData, _ => "/locations"),
        new("create a location", Permission.ManageReferenceData, _ => "/locations/create"),
        new("create a location, refused", Permission.ManageReferenceData, _ => "/locations/create", "Create", Refused),
        new("edit a location", Permission.ManageReferenceData, p => $"/locations/{p.World.HomeId}/edit"),

        new("audit trail", Permission.ViewAudit, _ => "/audit"),

        new("users", Permission.Administer, _ => "/users"),
        new("create a user", Permission.Administer, _ => "/users/create"),
        new("create a user, refused", Permission.Administer, _ => "/users/create", "Create user", Refused),
        new("edit a user", Permission.Administer, p => $"/users/{p.UserId}/edit"),
        new("deactivate a user", Permission.Administer, p => $"/users/{p.UserId}/deactivate"),
        new("reset a user's password", Permission.Administer, p => $"/users/{p.UserId}/reset-password"),
        new("a user's temporary password", Permission.Administer, p => $"/users/{p.UserId}/reset-password", "Reset password", "[data-testid='temporary-password']"),
        new("API clients", Permission.Administer, _ => "/api-clients"),
        new("an API client created", Permission.Administer, p => $"/api-clients/{p.ApiClientId}/created"),
        new("account settings", Permission.Administer, _ => "/settings"),
    ];

    [Fact]
    public async Task Every_page_the_role_can_open_has_no_serious_or_critical_axe_violation()
    {
        var place = await PlaceAsync();
        var email = $"axe-{Role.ToLowerInvariant()}-{place.World.Tag}@test.promoadmin";
        await browser.App.UserAsync(email, Password, Role, [place.World.HomeId, place.World.AwayId]);
        var page = await browser.NewPageAsync(); // one browser context for all of the role's pages
        await browser.SignInAsync(page, email, Password);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = place.World.Home, Url = browser.BaseUrl }]);

        var pages = Pages.Where(p => Permissions.Allows(Role, p.Permission)).ToList();
        var found = new List<Finding>();
        foreach (var p in pages) found.AddRange(await CheckAsync(page, $"{Role}: {p.Name}", p.Path(place), p.Submit, p.WaitFor));
        Assert.True(found.Count == 0, Report(found, pages.Count));
    }

    /// <summary>Opens the page (or stays, when <paramref name="path"/> is null), posts its form if asked, and runs axe.</summary>
    internal static async Task<List<Finding>> CheckAsync(IPage page, string name, string? path, string? submit = null, string? waitFor = null)
    {
        if (path is not null)
        {
            var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
            Assert.True(response?.Ok == true, $"{name}: {path} answered {response?.Status}");
        }
        if (submit is not null)
        {
            // The server's refusal is what is checked: the browser's own checks of required fields stand aside.
            await page.EvaluateAsync("() => document.querySelectorAll('form').forEach((f) => { f.noValidate = true; })");
            await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = submit, Exact = true }).Last.ClickAsync();
            await page.Locator(waitFor!).First.WaitForAsync(new() { Timeout = 60_000 });
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        // Violations only: axe still runs every rule, but leaves out the passes' nodes, most of what it would send back.
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var url = new Uri(page.Url).PathAndQuery;
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => new Finding($"{name} ({url})", v.Id, v.Impact, v.Nodes.Select(n => n.Target?.ToString() ?? "").ToList()))
            .ToList();
    }

    /// <summary>A rule broken on a page, and where.</summary>
    internal sealed record Finding(string Page, string Rule, string Impact, IReadOnlyList<string> Targets)
    {
        public override string ToString() => $"{Page}: {Rule} [{Impact}] at {string.Join(" | ", Targets)}";
    }

    /// <summary>Each finding on a line, after a count by rule (pages and elements).</summary>
    internal static string Report(List<Finding> found, int pages) =>
        $"{found.Count} serious or critical axe violations on {pages} pages checked; by rule: "
        + string.Join(", ", found.GroupBy(f => f.Rule).Select(g => $"{g.Key} {g.Count()} pages, {g.Sum(f => f.Targets.Count)} elements"))
        + "\n" + string.Join("\n", found);

    /// <summary>The rows the pages show, at a world of this test's own; the batches are written ready (and one generating, no job, so the worker leaves it).</summary>
    private async Task<Place> PlaceAsync()
    {
        var app = browser.App;
        var w = await app.WorldAsync();
        var tag = w.Tag;
        var segment = await app.SegmentAsync("Axe segment " + tag, 2);
        var groupId = await app.GroupAsync("Axe group " + tag, "Codes for the accessibility check");
        await using var scope = app.Db();
        var db = scope.Context;
        var campaign = new Campaign { Name = "Axe campaign " + tag };
        var lookup = new Lookup { Kind = LookupKind.OfferType, Name = "Axe offer " + tag };
        var variants = new VariantTargetingGroup { Key = "axe-variants-" + tag, Name = "Axe variants " + tag, ItemKeys = [w.ItemKey] };
        db.AddRange(campaign, lookup, variants);
        var now = DateTimeOffset.UtcNow;
        const string settings = """{"amount":10}""";
        var ready = new Batch
        {
            LocationId = w.HomeId, Name = "Axe batch " + tag, Method = GenerationMethod.Count, RequestedCount = 2, GeneratedCount = 2,
            Status = BatchStatus.Ready, SettingsJson = settings, CreatedAt = now, CompletedAt = now,
        };
        var generating = new Batch
        {
            LocationId = w.HomeId, Name = "Axe generating " + tag, Method = GenerationMethod.Count, RequestedCount = 400_000, GeneratedCount = 100_000,
            Status = BatchStatus.Generating, SettingsJson = settings, CreatedAt = now,
        };
        db.Batches.AddRange(ready, generating);
        await db.SaveChangesAsync();

        var code = TestData.NewCode(w.HomeId, w.Code("AXE"), c =>
        {
            (c.Amount, c.Description, c.GroupId, c.CampaignId, c.ApplicableTo) = (10, "Ten off for the check", groupId, campaign.Id, [w.ItemKey]);
            c.Inventory.Quantity = 5;
        });
        db.PromoCodes.AddRange(code,
            TestData.NewCode(w.HomeId, w.Code("AXEB1"), c => (c.Amount, c.BatchId) = (10, ready.Id)),
            TestData.NewCode(w.HomeId, w.Code("AXEB2"), c => (c.Amount, c.BatchId) = (10, ready.Id)));
        await db.SaveChangesAsync();
        var redemption = new Redemption
        {
            PromoCodeId = code.Id, CodeText = code.Code, LocationId = w.HomeId, OrderNumber = "ORD-" + tag, CustomerKey = segment.Members[0].Key,
            CustomerName = "Customer 1", Discount = 4.5m, Status = RedemptionStatus.Applied, RedeemedAt = now,
            Day = PromoCodeStatus.Today(now, "America/New_York"), // the reports' day, as checkout keeps it
        };
        db.Redemptions.Add(redemption);
        db.ValidationCounts.Add(new() { LocationId = w.HomeId, Day = PromoCodeStatus.Today(now, "America/New_York"), Outcome = "code_disabled", PromoCodeId = code.Id, Count = 3 });
        await db.SaveChangesAsync();

        var item = db.CatalogItems.Single(i => i.Key == w.ItemKey);
        var apiClient = await scope.Services.GetRequiredService<ApiClientService>().CreateAsync("Axe client " + tag, [ApiScopes.Checkout]);
        var other = $"axe-colleague-{tag}@test.promoadmin";
        await app.UserAsync(other, Password, Roles.Viewer, [w.HomeId]);
        var userId = (await scope.Services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(other))!.Id;
        return new Place(w, code.Id, code.Code, groupId, ready.Id, generating.Id, item.Id, variants.Id, segment.Members[0].Id, segment.Id,
            campaign.Id, lookup.Id, apiClient.Client.Id, userId, redemption.Id);
    }
}

public sealed class AdminAxeBrowserTests(BrowserFixture browser) : AxeBrowserTests(browser, Roles.Admin);

public sealed class ManagerAxeBrowserTests(BrowserFixture browser) : AxeBrowserTests(browser, Roles.Manager);

public sealed class CustomerServiceAxeBrowserTests(BrowserFixture browser) : AxeBrowserTests(browser, Roles.CustomerService);

public sealed class ViewerAxeBrowserTests(BrowserFixture browser) : AxeBrowserTests(browser, Roles.Viewer);

/// <summary>The sign-in page, signed out: as it opens and after a refused sign-in.</summary>
public sealed class SignInAxeBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task The_sign_in_page_has_no_serious_or_critical_axe_violation_before_and_after_a_refused_sign_in()
    {
        var page = await browser.NewPageAsync();
        var found = new List<AxeBrowserTests.Finding>();
        found.AddRange(await AxeBrowserTests.CheckAsync(page, "signed out: sign in", "/account/sign-in"));
        await page.GetByLabel("Email").FillAsync("nobody@test.promoadmin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong-password");
        found.AddRange(await AxeBrowserTests.CheckAsync(page, "signed out: sign in, refused", null, "Sign in", AxeBrowserTests.Refused));
        Assert.True(found.Count == 0, AxeBrowserTests.Report(found, 2));
    }

    [Fact]
    public void Every_role_has_a_class_that_checks_its_pages()
    {
        var checkedRoles = typeof(AxeBrowserTests).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AxeBrowserTests)) && !t.IsAbstract)
            .Select(t => ((AxeBrowserTests)Activator.CreateInstance(t, browser)!).Role);
        Assert.Equal(Roles.All.Order(), checkedRoles.Order());
    }
}
