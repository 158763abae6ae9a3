using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.PromoCodes;

/// <summary>
/// The settings form's pickers in real Chromium: booking rules that show only for codes that can apply to events, and
/// the searchable pick lists (type to filter, pick from the keyboard, a long list searched on the server), docs/rules.md#pickers.
/// </summary>
public sealed class PickerBrowserTests(BrowserFixture browser) : BrowserTest
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A close-up of one part of the page, cut from a full-page capture taken from the top (so that the sticky header
    /// stays at the top and covers nothing); focus stays where it is.
    /// </summary>
    private static async Task CloseUpAsync(ILocator part, string name)
    {
        await part.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var box = (await part.BoundingBoxAsync())!;
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");
        await part.Page.ScreenshotAsync(new() { Path = path, FullPage = true, Clip = new() { X = box.X - 8, Y = box.Y - 8, Width = box.Width + 16, Height = box.Height + 16 } });
        TestContext.Current.SendDiagnosticMessage($"screenshot: {path}");
    }

    [Fact]
    public async Task Booking_rules_show_only_while_the_code_can_apply_to_an_event_and_keep_what_was_typed_while_hidden()
    {
        var place = await browser.App.WorldAsync("Lakeside Lanes", "Hilltop Games");
        var (tours, merchandise) = ($"Guided tours {place.Tag}", $"Merchandise {place.Tag}");
        await using (var scope = browser.App.Db())
        {
            scope.Context.VariantTargetingGroups.AddRange(
                new VariantTargetingGroup { Key = $"tours-{place.Tag}", Name = tours, ItemKeys = [place.EventKey] },
                new VariantTargetingGroup { Key = $"merch-{place.Tag}", Name = merchandise, ItemKeys = [place.ItemKey] });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var code = place.Code("SHIRT");
        var page = await PromoCodePages.SignedInAtAsync(browser, place);
        await page.GotoAsync("/promo-codes/create");
        var booking = page.Locator("[data-subsection=booking]");
        var applicableTo = page.Locator("[data-field=applicableTo]");
        var groups = page.Locator("[data-field=applicableGroups]");
        var days = page.GetByRole(AriaRole.Group, new() { Name = "Allowed days of the week" });

        // Nothing picked: every item qualifies, events too.
        await Expect(booking).ToBeVisibleAsync();
        await days.GetByText("Sat", new() { Exact = true }).ClickAsync();
        await applicableTo.GetByLabel("Search Applicable to").FillAsync(place.Tag);
        await applicableTo.GetByLabel(place.ItemName).CheckAsync();
        await Expect(booking).ToBeHiddenAsync();
        await PromoCodePages.ShotAsync(page, "pickers-01-merchandise-only-hides-booking-rules");
        await CloseUpAsync(page.Locator("#section-usage"), "pickers-01b-usage-without-booking-rules");

        await applicableTo.GetByLabel(place.EventName).CheckAsync();
        await Expect(booking).ToBeVisibleAsync();
        await Expect(days.GetByLabel("Sat")).ToBeCheckedAsync();
        await PromoCodePages.ShotAsync(page, "pickers-02-an-event-shows-booking-rules");
        await CloseUpAsync(page.Locator("#section-usage"), "pickers-02b-usage-with-booking-rules");

        // A group counts when it holds events: all games, or a variant targeting group with an event in it.
        await applicableTo.GetByLabel(place.EventName).UncheckAsync();
        await Expect(booking).ToBeHiddenAsync();
        await groups.GetByLabel(merchandise).CheckAsync();
        await Expect(booking).ToBeHiddenAsync();
        await groups.GetByLabel(tours).CheckAsync();
        await Expect(booking).ToBeVisibleAsync();
        await groups.GetByLabel(tours).UncheckAsync();
        await Expect(booking).ToBeHiddenAsync();
        await groups.GetByLabel("All games (events)").CheckAsync();
        await Expect(booking).ToBeVisibleAsync();

        await page.GetByLabel("Promo code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} created.");
        await using var check = browser.App.Db();
        var stored = await check.Context.PromoCodes.AsNoTracking().SingleAsync(c => c.Code == code, Ct);
        Assert.Equal(BookingDays.Sat, stored.DaysOfWeek);
        Assert.Equal([place.ItemKey], stored.ApplicableTo);
        Assert.Equal(["all-events", $"merch-{place.Tag}"], stored.ApplicableGroups.Order());
    }

    [Fact]
    public async Task The_code_forms_pickers_filter_as_you_type_and_pick_from_the_keyboard()
    {
        var place = await browser.App.WorldAsync("Canal Street Arcade", "Old Mill Bowling");
        var campaign = new Campaign { Name = $"Autumn launch {place.Tag}" };
        await using (var scope = browser.App.Db())
        {
            scope.Context.Campaigns.Add(campaign);
            await scope.Context.SaveChangesAsync(Ct);
        }
        var code = place.Code("KEYS");
        var page = await PromoCodePages.SignedInAtAsync(browser, place);
        await page.GotoAsync("/promo-codes/create");
        await page.GetByLabel("Promo code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("20");

        // Applicable to: typing leaves the matches; the arrow keys walk them from the search box, space and Enter tick.
        var applicableTo = page.Locator("[data-field=applicableTo]");
        var search = applicableTo.GetByLabel("Search Applicable to");
        await search.FillAsync(place.Tag);
        await Expect(applicableTo.Locator("[data-check-option]:visible")).ToHaveCountAsync(3);
        await search.PressAsync("ArrowDown");
        await Expect(applicableTo.GetByLabel(place.EventName)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(applicableTo.GetByLabel(place.ItemName)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(applicableTo.GetByLabel(place.EventName)).ToBeCheckedAsync();
        await Expect(applicableTo.GetByLabel(place.ItemName)).ToBeCheckedAsync();
        await Expect(applicableTo.GetByLabel(place.GiftName)).Not.ToBeCheckedAsync();
        await CloseUpAsync(applicableTo, "pickers-03-applicable-to-by-keyboard");

        // Excluded items share the picker: Enter in the search box goes to the first match.
        var excluded = page.Locator("[data-field=excludedItems]");
        await excluded.GetByLabel("Search Excluded items").FillAsync(place.GiftName);
        await excluded.GetByLabel("Search Excluded items").PressAsync("Enter");
        await page.Keyboard.PressAsync("Space");
        await Expect(excluded.GetByLabel(place.GiftName)).ToBeCheckedAsync();

        // The campaign select: Enter in its search box picks the first match.
        var campaignSearch = page.GetByLabel("Search Marketing campaign");
        await campaignSearch.FillAsync($"autumn LAUNCH {place.Tag}");
        await campaignSearch.PressAsync("Enter");
        await Expect(page.GetByLabel("Marketing campaign", new() { Exact = true })).ToHaveValueAsync(campaign.Id.ToString(CultureInfo.InvariantCulture));

        // Locations: the duplicate-to list finds a location by name or key.
        var duplicate = page.GetByRole(AriaRole.Group, new() { Name = "Duplicate to other locations" });
        var locationSearch = duplicate.GetByLabel("Search Duplicate to other locations");
        await locationSearch.FillAsync(place.Away);
        await Expect(duplicate.Locator("[data-check-option]:visible")).ToHaveCountAsync(1);
        await locationSearch.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Space");
        await Expect(duplicate.GetByLabel("Old Mill Bowling")).ToBeCheckedAsync();
        await CloseUpAsync(duplicate, "pickers-04-duplicate-to-by-keyboard");

        // None of the Enter presses submitted the form; the button does.
        await Expect(page.Locator("h1")).ToHaveTextAsync("Create new promo code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} created");
        await using var check = browser.App.Db();
        var stored = await check.Context.PromoCodes.AsNoTracking().SingleAsync(c => c.Code == code && c.LocationId == place.HomeId, Ct);
        Assert.Equal([place.EventKey, place.ItemKey], stored.ApplicableTo.Order());
        Assert.Equal([place.GiftKey], stored.ExcludedItems);
        Assert.Equal(campaign.Id, stored.CampaignId);
        Assert.True(await check.Context.PromoCodes.AnyAsync(c => c.Code == code && c.LocationId == place.AwayId, Ct));
    }

    [Fact]
    public async Task The_batch_form_finds_its_segment_and_campaign_by_typing()
    {
        var place = await browser.App.WorldAsync("Harbour Lanes", "Quarry Climbing");
        var segment = await browser.App.SegmentAsync($"Bowling league {place.Tag}", 3);
        var campaign = new Campaign { Name = $"League night {place.Tag}" };
        await using (var scope = browser.App.Db())
        {
            scope.Context.Campaigns.Add(campaign);
            await scope.Context.SaveChangesAsync(Ct);
        }
        var page = await PromoCodePages.SignedInAtAsync(browser, place);
        await page.GotoAsync("/batches/generate");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Target User Segment" }).CheckAsync();
        var segments = page.GetByRole(AriaRole.Combobox, new() { Name = "Target User Segment" });
        var segmentSearch = page.GetByPlaceholder("Search segments");
        await segmentSearch.FillAsync($"LEAGUE {place.Tag}");
        // Only the match is left to pick (with the empty choice); Enter picks it, the arrow key goes to the list.
        await Expect(segments.Locator("option")).ToHaveTextAsync(["Pick a segment", $"Bowling league {place.Tag} (3 customers)"]);
        await segmentSearch.PressAsync("Enter");
        await Expect(segments).ToHaveValueAsync(segment.Id.ToString(CultureInfo.InvariantCulture));
        await segmentSearch.PressAsync("ArrowDown");
        await Expect(segments).ToBeFocusedAsync();
        var campaignSearch = page.GetByLabel("Search Marketing campaign");
        await campaignSearch.FillAsync($"league night {place.Tag}");
        await campaignSearch.PressAsync("Enter");
        await page.Locator("[name='Name']").FillAsync("League " + place.Tag);
        await page.Locator("[name='Settings.Amount']").FillAsync("15");
        await PromoCodePages.ShotAsync(page, "pickers-05-batch-segment-and-campaign");
        await CloseUpAsync(page.Locator("[data-method=Segment]"), "pickers-05b-batch-segment");
        await CloseUpAsync(page.Locator("[data-field=campaignId]"), "pickers-05c-batch-campaign");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate Batch" }).ClickAsync();

        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Batch League {place.Tag}");
        await using var check = browser.App.Db();
        var batch = await check.Context.Batches.AsNoTracking().SingleAsync(b => b.Name == "League " + place.Tag, Ct);
        Assert.Equal((segment.Id, campaign.Id), (batch.SegmentId, BatchService.ReadSettings(batch).CampaignId));
    }

    [Fact]
    public async Task A_catalog_of_more_than_200_items_is_searched_on_the_server_as_you_type()
    {
        var place = await browser.App.WorldAsync("Quayside Escape", "Market Hall");
        var (globeKey, globe) = ($"globe-{place.Tag}", $"Zzz snow globe {place.Tag}");
        // More than a picker renders; the one to find sorts after them all, so it is not on the page until asked for.
        await using (var scope = browser.App.Db())
        {
            scope.Context.CatalogItems.AddRange(Enumerable.Range(0, SettingOptionsService.PickerOptions + 20).Select(i =>
                new CatalogItem { Key = $"souvenir-{place.Tag}-{i:000}", Name = $"Zz souvenir {i:000} {place.Tag}", Kind = CatalogItemKind.Item }));
            scope.Context.CatalogItems.Add(new CatalogItem { Key = globeKey, Name = globe, Kind = CatalogItemKind.Item });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var code = place.Code("GLOBE");
        var page = await PromoCodePages.SignedInAtAsync(browser, place);
        await page.GotoAsync("/promo-codes/create");
        var applicableTo = page.Locator("[data-field=applicableTo]");
        await Expect(applicableTo.Locator("[data-check-list]")).ToHaveAttributeAsync("data-search-url", "/catalog/items/search");
        await Expect(applicableTo.Locator("input[type=checkbox]")).ToHaveCountAsync(SettingOptionsService.PickerOptions);
        await Expect(applicableTo.Locator($"input[value='{globeKey}']")).ToHaveCountAsync(0);
        // With JavaScript the search button (for browsers without it) is not needed.
        await Expect(applicableTo.GetByRole(AriaRole.Button, new() { Name = "Search" })).ToBeHiddenAsync();

        var search = applicableTo.GetByLabel("Search Applicable to");
        var answer = await page.RunAndWaitForResponseAsync(() => search.FillAsync($"snow globe {place.Tag}"),
            r => r.Url.Contains("/catalog/items/search?q=", StringComparison.Ordinal));
        Assert.Equal(200, answer.Status);
        await Expect(applicableTo.Locator("[data-check-option]:visible")).ToHaveCountAsync(1);
        await Expect(applicableTo.GetByLabel(globe)).ToBeVisibleAsync();
        await search.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Space");
        await Expect(applicableTo.GetByLabel(globe)).ToBeCheckedAsync();
        await CloseUpAsync(applicableTo, "pickers-06-long-catalog-server-search");

        await page.GetByLabel("Promo code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"Promo code {code} created.");
        await using var check = browser.App.Db();
        Assert.Equal([globeKey], (await check.Context.PromoCodes.AsNoTracking().SingleAsync(c => c.Code == code, Ct)).ApplicableTo);
    }
}
