using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Web.Features.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.Layout;

/// <summary>
/// Every page on a phone (390 x 844 CSS pixels): nothing wider than the screen (wide tables scroll inside their card), the
/// sidebar behind a menu button, the header wrapping; and the desktop layout unchanged.
/// </summary>
public sealed class NarrowScreenBrowserTests(BrowserFixture browser) : BrowserTest
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    // The elements that stick out past the screen's right edge, unclipped by a scrolling box (an absolutely placed one
    // is clipped only by a box at or above its containing block): the culprits, in a failure.
    private const string Overflowing = """
        () => {
          const width = document.documentElement.clientWidth;
          const scrolls = e => {
            for (let n = e; n;) {
              const position = getComputedStyle(n).position;
              const next = position === 'fixed' ? null : position === 'absolute' ? n.offsetParent : n.parentElement;
              if (next && next !== document.body && getComputedStyle(next).overflowX !== 'visible') return true;
              n = next;
            }
            return false;
          };
          const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5 && !scrolls(e))
            .slice(0, 6).map(e => name(e) + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')');
        }
        """;

    private async Task<IPage> PhoneAsync(int width = PhoneWidth, int height = PhoneHeight)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    private async Task<IPage> SignedInAsync(TestWorld world, int width = PhoneWidth, int height = PhoneHeight)
    {
        var page = await PhoneAsync(width, height);
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = world.Home, Url = browser.BaseUrl }]);
        return page;
    }

    /// <summary>How far the page scrolls sideways, or null when it fits; with the elements sticking out.</summary>
    private static async Task<string?> TooWideAsync(IPage page, string name)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth <= PhoneWidth) return null;
        var culprits = await page.EvaluateAsync<string[]>(Overflowing);
        return $"{name} ({page.Url}) is {scrollWidth}px wide: {string.Join(", ", culprits)}";
    }

    [Fact]
    public async Task Every_page_fits_a_phone_screen_without_scrolling_sideways()
    {
        var pages = await EveryPageAsync();
        var page = await PhoneAsync();
        var failures = new List<string>();

        await page.GotoAsync("/account/sign-in");
        if (await TooWideAsync(page, "Sign in") is { } signIn) failures.Add(signIn);
        await browser.SignInAsync(page);
        await page.Context.AddCookiesAsync([new Cookie { Name = CurrentLocation.CookieName, Value = pages.World.Home, Url = browser.BaseUrl }]);

        var shots = new Dictionary<string, string>
        {
            ["Promo codes"] = "narrow-01-promo-codes", ["Edit a code"] = "narrow-02-code-form", ["Batch"] = "narrow-03-batch",
            ["Users"] = "narrow-04-users",
        };
        foreach (var (name, url) in pages.Urls)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true }, $"{name} ({url}) answered {response?.Status}.");
            if (await TooWideAsync(page, name) is { } failure) failures.Add(failure);
            if (shots.TryGetValue(name, out var shot)) await ScreensAsync(page, shot);
        }

        // The pages a form post answers with: a user's new temporary password, Diagnose's verdict; and a missing page.
        await page.GotoAsync(pages.Urls.Single(u => u.Name == "Reset a user's password").Url);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page.GetByTestId("temporary-password")).ToBeVisibleAsync();
        if (await TooWideAsync(page, "A temporary password") is { } password) failures.Add(password);

        var missing = await page.GotoAsync("/promo-codes/2000000000/edit");
        Assert.Equal(404, missing?.Status);
        if (await TooWideAsync(page, "Not found") is { } notFound) failures.Add(notFound);


        await page.GotoAsync("/diagnose");
        await page.GetByLabel("Promo code", new() { Exact = true }).FillAsync(pages.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check this code" }).ClickAsync();
        await Expect(page.Locator("main table").First).ToBeVisibleAsync();
        if (await TooWideAsync(page, "Diagnose verdict") is { } verdict) failures.Add(verdict);
        await ScreensAsync(page, "narrow-05-diagnose-verdict");

        Assert.True(failures.Count == 0, "Wider than a phone's 390px:\n" + string.Join("\n", failures));
    }

    /// <summary>Screenshots of the phone's screen as someone scrolling down the page sees it (a full-page one is too tall to read).</summary>
    private static async Task ScreensAsync(IPage page, string name)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        for (var (top, n) = (0, 1); top < height && n <= 3; top += PhoneHeight, n++)
        {
            await page.EvaluateAsync("y => window.scrollTo(0, y)", top);
            var path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}-{n}.png");
            await page.ScreenshotAsync(new() { Path = path });
            TestContext.Current.SendDiagnosticMessage($"screenshot: {path}");
        }
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
    }

    [Fact]
    public async Task On_a_phone_the_menu_button_opens_the_navigation_and_its_links_work()
    {
        var world = await browser.App.WorldAsync("Downtown Arcade", "Uptown Arcade");
        var page = await SignedInAsync(world);
        await page.GotoAsync("/promo-codes");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var users = page.Locator("#app-sidebar").GetByRole(AriaRole.Link, new() { Name = "Users" });
        await Expect(users).Not.ToBeVisibleAsync();

        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        await Expect(menu).ToBeVisibleAsync();
        await menu.ClickAsync();
        await Expect(nav).ToBeVisibleAsync();
        await Expect(users).ToBeVisibleAsync();
        // Once it has slid in: the link is on the screen, whole.
        await page.WaitForFunctionAsync("() => getComputedStyle(document.getElementById('app-sidebar')).transform === 'none'");
        var box = await users.BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= PhoneWidth, $"The Users link is at {box?.X} (width {box?.Width}).");
        await BrowserFixture.ScreenshotAsync(page, "narrow-06-menu-open");

        await users.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await Expect(users).Not.ToBeVisibleAsync();

        // The close button puts it away again.
        await menu.ClickAsync();
        await Expect(users).ToBeVisibleAsync();
        await page.Locator("#app-sidebar").GetByRole(AriaRole.Button, new() { Name = "Close menu" }).ClickAsync();
        await Expect(users).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_header_wraps_and_the_user_menu_and_location_switcher_stay_on_the_screen()
    {
        var world = await browser.App.WorldAsync("Downtown Arcade with a long name", "Uptown Arcade");
        var page = await SignedInAsync(world);
        await page.GotoAsync("/promo-codes");
        Assert.Null(await TooWideAsync(page, "Promo codes"));

        var switcher = page.GetByLabel("Location", new() { Exact = true });
        var userMenu = page.Locator("#user-menu");
        foreach (var (what, element) in new[] { ("location switcher", switcher), ("user menu", userMenu) })
        {
            var box = await element.BoundingBoxAsync();
            Assert.True(box is { X: >= 0 } && box.X + box.Width <= PhoneWidth, $"The {what} is at {box?.X} (width {box?.Width}).");
        }
        await userMenu.ClickAsync();
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Expect(signOut).ToBeVisibleAsync();
        var signOutBox = await signOut.BoundingBoxAsync();
        Assert.True(signOutBox is { X: >= 0 } && signOutBox.X + signOutBox.Width <= PhoneWidth, $"Sign out is at {signOutBox?.X} (width {signOutBox?.Width}).");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password"));
    }

    [Fact]
    public async Task On_a_phone_a_codes_row_menu_opens_whole_on_the_screen_from_the_scrolling_list()
    {
        var world = await browser.App.WorldAsync("Downtown Arcade", "Uptown Arcade");
        var text = world.Code("PHONE");
        await browser.App.CodeAsync(new() { Code = text, Description = "Ten percent off on the phone", LocationKey = world.Home, Amount = 10 });
        var page = await SignedInAsync(world);
        await page.GotoAsync("/promo-codes");

        // The menu's button sits in the list's last column, past the screen's edge until the list is scrolled to it.
        await page.GetByLabel($"Actions for {text}").ClickAsync();
        var edit = page.GetByRole(AriaRole.Link, new() { Name = "Edit promo code" });
        await Expect(edit).ToBeVisibleAsync();
        var box = await edit.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0 } && box.X + box.Width <= PhoneWidth && box.Y + box.Height <= PhoneHeight,
            $"Edit promo code is at ({box?.X}, {box?.Y}), {box?.Width} x {box?.Height}.");
        Assert.Null(await TooWideAsync(page, "Promo codes with a row menu open"));
        await BrowserFixture.ScreenshotAsync(page, "narrow-08-row-menu");
        await edit.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit promo code" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_desktop_the_sidebar_stays_beside_the_page_without_a_menu_button()
    {
        var world = await browser.App.WorldAsync("Downtown Arcade", "Uptown Arcade");
        var page = await SignedInAsync(world, 1280, 800);
        await page.GotoAsync("/promo-codes");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })).Not.ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        var nav = await page.Locator("#app-sidebar").BoundingBoxAsync();
        var main = await page.Locator("main").BoundingBoxAsync();
        Assert.True(nav is { X: 0, Width: 220 }, $"The sidebar is at {nav?.X}, {nav?.Width}px wide.");
        Assert.True(Math.Abs(main!.X - 220) < 1 && Math.Abs(main.Y - nav!.Y) < 1, $"The page starts at ({main.X}, {main.Y}), the sidebar at ({nav!.X}, {nav.Y}).");
        await BrowserFixture.ScreenshotAsync(page, "narrow-07-desktop-1280");
    }

    private sealed record EveryPage(TestWorld World, string Code, List<(string Name, string Url)> Urls);

    /// <summary>A code with orders, a batch of codes, a group and one of every kind of reference data; every page that shows them.</summary>
    private async Task<EveryPage> EveryPageAsync()
    {
        var app = browser.App;
        var w = await app.WorldAsync("Downtown Arcade", "Uptown Arcade");
        var segment = await app.SegmentAsync($"Loyalty Gold {w.Tag}", 3);
        var groupId = await app.GroupAsync($"Summer season {w.Tag}", "Codes for the summer season's events and merchandise");
        int campaignId, lookupId, itemId, targetingId, batchId, apiClientId;
        long redemptionId;
        await using (var scope = app.Db())
        {
            var campaign = new Campaign { Name = $"Autumn launch {w.Tag}", BudgetMaxDiscount = 5000, BudgetMaxRedemptions = 1000 };
            var lookup = new Lookup { Kind = LookupKind.OfferType, Name = $"Loyalty reward {w.Tag}" };
            var targeting = new VariantTargetingGroup { Key = $"tours-{w.Tag}", Name = $"Guided tours {w.Tag}", ItemKeys = [w.EventKey, w.ItemKey] };
            scope.Context.AddRange(campaign, lookup, targeting);
            await scope.Context.SaveChangesAsync();
            (campaignId, lookupId, targetingId) = (campaign.Id, lookup.Id, targeting.Id);
            itemId = await scope.Context.CatalogItems.Where(i => i.Key == w.EventKey).Select(i => i.Id).SingleAsync();
            apiClientId = (await scope.Services.GetRequiredService<ApiClientService>().CreateAsync($"Front desk tills {w.Tag}", ["checkout"])).Client.Id;
        }

        var text = w.Code("SUMMERFUN");
        var code = await app.CodeAsync(new()
        {
            Code = text, Description = "Twenty percent off escape rooms and arcade merchandise all summer long", LocationKey = w.Home,
            GroupId = groupId, Amount = 20, ApplicableTo = [w.EventKey, w.ItemKey], CampaignId = campaignId, OfferType = $"Loyalty reward {w.Tag}",
        });
        await using (var scope = app.Db())
        {
            var now = DateTimeOffset.UtcNow;
            var ada = new Redemption { PromoCodeId = code.Id, CodeText = text, LocationId = w.HomeId, OrderNumber = $"ORD-100001-{w.Tag}", CustomerKey = "ada",
                    CustomerName = "Ada Lovelace", CustomerEmail = "ada.lovelace@example.com", CustomerPhone = "+1 555 0100", Discount = 4.5m,
                    Status = RedemptionStatus.Applied, RedeemedAt = now.AddDays(-2),
                    Day = PromoCodeStatus.Today(now.AddDays(-2), "America/New_York") };
            scope.Context.Redemptions.AddRange(ada,
                new Redemption { PromoCodeId = code.Id, CodeText = text, LocationId = w.HomeId, OrderNumber = $"ORD-100002-{w.Tag}", CustomerKey = "grace",
                    CustomerName = "Grace Hopper", CustomerEmail = "grace.hopper@example.com", CustomerPhone = "+1 555 0199", Discount = 7.25m,
                    Status = RedemptionStatus.Applied, RedeemedAt = now.AddHours(-3),
                    Day = PromoCodeStatus.Today(now.AddHours(-3), "America/New_York") });
            // A batch that is ready, with codes of its own (no job: the app's worker leaves it alone).
            var batch = new Batch
            {
                LocationId = w.HomeId, Name = $"Spring mailer {w.Tag}", Method = GenerationMethod.Count, CodeLength = 10, Status = BatchStatus.Ready,
                SettingsJson = "{}", CreatedAt = now, CompletedAt = now, RequestedCount = 5, GeneratedCount = 5,
            };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync();
            batchId = batch.Id;
            redemptionId = ada.Id;
            await scope.Context.PromoCodeInventory.Where(i => i.PromoCodeId == code.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.TimesUsed, 2));
        }
        for (var i = 1; i <= 5; i++)
            await app.AddCodeAsync(w.HomeId, $"SPR{w.Tag}{i}".ToUpperInvariant(), c => { c.BatchId = batchId; c.Amount = 15; });

        var email = $"sam-{w.Tag}@test.promoadmin";
        await app.UserAsync(email, "Sam-pass-2026!", "CustomerService", [w.HomeId]);
        string userId;
        await using (var scope = app.Db())
            userId = await scope.Context.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();

        return new EveryPage(w, text,
        [
            ("Home", "/"),
            ("Promo codes", $"/promo-codes"),
            ("Archived promo codes", "/promo-codes?tab=archived"),
            ("Create a code", "/promo-codes/create"),
            ("Edit a code", $"/promo-codes/{code.Id}/edit"),
            ("View a code", $"/promo-codes/{code.Id}"),
            ("Copy a code", $"/promo-codes/{code.Id}/copy"),
            ("A code's transactions", $"/promo-codes/{code.Id}/transactions"),
            ("A code's history", $"/promo-codes/{code.Id}/history"),
            ("Redemptions", $"/redemptions?code={text}"),
            ("Void a redemption", $"/redemptions/{redemptionId}/void"),
            ("Reports", $"/reports?locationKey={w.Home}"),
            ("Bulk update", "/promo-codes/bulk-update"),
            ("A group's codes", $"/promo-codes?groupId={groupId}"),
            ("Groups", "/promo-code-groups"),
            ("Create a group", "/promo-code-groups/create"),
            ("Edit a group", $"/promo-code-groups/{groupId}/edit"),
            ("Batches", "/batches"),
            ("Generate a batch", "/batches/generate"),
            ("Batch", $"/batches/{batchId}"),
            ("Batch inventory", $"/batches/{batchId}/inventory"),
            ("Batch settings", $"/batches/{batchId}/settings"),
            ("Disable a batch", $"/batches/{batchId}/disable"),
            ("Enable a batch", $"/batches/{batchId}/enable"),
            ("Archive a batch", $"/batches/{batchId}/archive"),
            ("Unarchive a batch", $"/batches/{batchId}/unarchive"),
            ("Delete a batch", $"/batches/{batchId}/delete"),
            ("Catalog", "/catalog"),
            ("Create a catalog item", "/catalog/create"),
            ("Edit a catalog item", $"/catalog/{itemId}/edit"),
            ("Variant targeting groups", "/catalog/variant-targeting-groups"),
            ("Create a variant targeting group", "/catalog/variant-targeting-groups/create"),
            ("Edit a variant targeting group", $"/catalog/variant-targeting-groups/{targetingId}/edit"),
            ("Customers", "/customers"),
            ("Create a customer", "/customers/create"),
            ("Edit a customer", $"/customers/{segment.Members[0].Id}/edit"),
            ("Segments", "/customers/segments"),
            ("Segment", $"/customers/segments/{segment.Id}"),
            ("Create a segment", "/customers/segments/create"),
            ("Edit a segment", $"/customers/segments/{segment.Id}/edit"),
            ("Campaigns", "/campaigns"),
            ("Create a campaign", "/campaigns/create"),
            ("Edit a campaign", $"/campaigns/{campaignId}/edit"),
            ("Lookups", "/campaigns/lookups"),
            ("Create a lookup", "/campaigns/lookups/create"),
            ("Edit a lookup", $"/campaigns/lookups/{lookupId}/edit"),
            ("Diagnose", $"/diagnose?code={text}"),
            ("Locations", "/locations"),
            ("Create a location", "/locations/create"),
            ("Edit a location", $"/locations/{w.HomeId}/edit"),
            ("Audit trail", "/audit"),
            ("Users", "/users"),
            ("Create a user", "/users/create"),
            ("Edit a user", $"/users/{userId}/edit"),
            ("Deactivate a user", $"/users/{userId}/deactivate"),
            ("Activate a user", $"/users/{userId}/activate"),
            ("Unlock a user", $"/users/{userId}/unlock"),
            ("Reset a user's password", $"/users/{userId}/reset-password"),
            ("API clients", "/api-clients"),
            ("A new API client", $"/api-clients/{apiClientId}/created"),
            ("Account settings", "/settings"),
            ("Change password", "/account/password"),
        ]);
    }
}
