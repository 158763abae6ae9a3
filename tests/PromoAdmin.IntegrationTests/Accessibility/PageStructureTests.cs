using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.Accessibility;

/// <summary>
/// The page structure docs/rules.md#accessibility promises, read from the served HTML: the skip link, the location
/// switcher's button, labelled table columns, and an error summary whose every entry links to its field.
/// </summary>
public sealed class PageStructureTests(SharedApp factory)
{
    private const string Focusable = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";

    [Fact]
    public async Task The_first_focusable_element_is_a_skip_link_to_the_main_content()
    {
        var world = await factory.WorldAsync();
        var session = await AdminAtAsync(factory, world.Home);
        foreach (var url in new[] { "/", "/promo-codes", "/batches", "/diagnose", "/reports" })
        {
            var page = await session.GetPageAsync(url);
            var first = page.Body!.QuerySelector(Focusable)!;
            Assert.Equal("Skip to main content", first.TextContent.Trim());
            Assert.Equal("#main", first.GetAttribute("href"));
            Assert.Equal("MAIN", page.GetElementById("main")?.TagName);
            Assert.Equal("-1", page.GetElementById("main")!.GetAttribute("tabindex")); // takes the focus when the link is followed
        }
    }

    [Fact]
    public async Task The_location_switcher_moves_with_its_Switch_button_and_no_select_submits_on_change()
    {
        var world = await factory.WorldAsync();
        var session = await AdminAtAsync(factory, world.Home);
        var page = await session.GetPageAsync("/promo-codes");
        var switcher = page.QuerySelector("#location-switcher")!;
        var button = switcher.QuerySelectorAll("button[type=submit]").Single();
        Assert.Equal("Switch", button.TextContent.Trim());
        Assert.Null(button.Closest("noscript"));
        Assert.Empty(page.QuerySelectorAll("select[data-autosubmit]"));

        var moved = await session.FollowAsync(await session.SubmitAsync(page, "#location-switcher", new() { ["key"] = [world.Away] }));
        Assert.Equal(world.Away, ((IHtmlOptionElement)moved.QuerySelector("#location-key option[selected]")!).Value);
    }

    [Fact]
    public async Task Every_table_column_has_a_header_with_text()
    {
        var world = await factory.WorldAsync();
        await factory.AddCodeAsync(world.HomeId, world.Code("COLUMNS"));
        var session = await AdminAtAsync(factory, world.Home);
        foreach (var url in new[] { "/promo-codes", "/promo-code-groups", "/batches", "/catalog", "/catalog/variant-targeting-groups", "/customers",
                     "/customers/segments", "/campaigns", "/campaigns/lookups", "/locations", "/users", "/api-clients", "/audit", "/redemptions", "/reports" })
        {
            var page = await session.GetPageAsync(url);
            foreach (var header in page.QuerySelectorAll("main table thead th"))
                Assert.False(string.IsNullOrWhiteSpace(header.TextContent), $"{url}: an empty column header in {header.Closest("table")!.OuterHtml[..80]}");
        }
    }

    [Fact]
    public async Task Every_chart_is_an_image_named_and_described_with_a_table_of_its_numbers_under_it()
    {
        var world = await factory.WorldAsync();
        var code = await factory.AddCodeAsync(world.HomeId, world.Code("CHART"), c => c.Amount = 5);
        await factory.ApiClient().PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code = code.Code, locationKey = world.Home, orderNumber = "C-" + world.Tag,
            lines = new[] { new { lineId = "1", itemKey = world.ItemKey, unitPrice = 50m, quantity = 1 } },
        }, TestContext.Current.CancellationToken).ExpectAsync(System.Net.HttpStatusCode.OK);
        var session = await AdminAtAsync(factory, world.Home);
        foreach (var url in new[] { "/", "/reports" })
        {
            var page = await session.GetPageAsync(url);
            var charts = page.QuerySelectorAll("main svg").ToList();
            Assert.NotEmpty(charts);
            foreach (var chart in charts)
            {
                Assert.Equal("img", chart.GetAttribute("role"));
                Assert.False(string.IsNullOrWhiteSpace(chart.GetAttribute("aria-label")), $"{url}: {chart.Id} has no name");
                Assert.False(string.IsNullOrWhiteSpace(chart.Children.FirstOrDefault(e => e.LocalName == "title")?.TextContent), $"{url}: {chart.Id} has no title");
                Assert.False(string.IsNullOrWhiteSpace(chart.Children.FirstOrDefault(e => e.LocalName == "desc")?.TextContent), $"{url}: {chart.Id} has no description");
                // The chart's numbers as a table, in the same section (under a "Table" disclosure).
                Assert.NotNull(chart.Closest("section")!.QuerySelector("details > summary + .table-responsive table"));
            }
        }
    }

    [Fact]
    public async Task The_error_summary_of_a_refused_code_links_each_error_to_its_field()
    {
        var world = await factory.WorldAsync();
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        var page = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new()
        {
            ["Code"] = [""], ["RedemptionType"] = ["Percentage"], ["Amount"] = ["150"], ["QuantityChoice"] = ["Limited"], ["Quantity"] = ["-1"],
            ["PurchaseDates"] = ["Between"], ["PurchaseStart"] = ["2030-02-01"], ["PurchaseEnd"] = ["2030-01-01"], ["ApplicableTo"] = ["no-such-item"],
        }));
        AssertLinkedSummary(page, minimum: 4);
    }

    [Fact]
    public async Task The_error_summaries_of_a_refused_batch_password_and_user_link_each_error_to_its_field()
    {
        var world = await factory.WorldAsync();
        var session = await AdminAtAsync(factory, world.Home);

        var batch = await session.GetPageAsync("/batches/generate");
        AssertLinkedSummary(await WebSession.ParseAsync(await session.SubmitAsync(batch, "#generate-batch", new()
        {
            ["Method"] = ["Count"], ["Count"] = ["0"], ["Name"] = [""], ["Settings.Amount"] = ["150"], ["Settings.RedemptionType"] = ["Percentage"],
            ["Settings.ApplicableTo"] = ["no-such-item"],
        })), minimum: 3);

        var password = await session.GetPageAsync("/account/password");
        AssertLinkedSummary(await WebSession.ParseAsync(await session.SubmitAsync(password, "main form", new()
        {
            ["CurrentPassword"] = ["not-the-password"], ["NewPassword"] = ["One-new-pass-2026!"], ["ConfirmPassword"] = ["Another-pass-2026!"],
        })), minimum: 1);

        var user = await session.GetPageAsync("/users/create");
        AssertLinkedSummary(await WebSession.ParseAsync(await session.SubmitAsync(user, "main form", new()
        {
            ["Email"] = ["not an email"], ["Role"] = [""], ["AllLocations"] = ["false"],
        })), minimum: 1);
    }

    /// <summary>The summary's every entry is a link to an element of the page, and there are at least <paramref name="minimum"/>.</summary>
    private static void AssertLinkedSummary(IHtmlDocument page, int minimum)
    {
        var summary = page.QuerySelector("[data-error-summary]") ?? throw new Xunit.Sdk.XunitException("No error summary: " + page.QuerySelector("main")?.TextContent);
        var entries = summary.QuerySelectorAll("li");
        Assert.True(entries.Length >= minimum, $"{entries.Length} errors: {summary.TextContent}");
        foreach (var entry in entries)
        {
            var link = entry.QuerySelector("a") ?? throw new Xunit.Sdk.XunitException($"'{entry.TextContent.Trim()}' links to no field.");
            var href = link.GetAttribute("href")!;
            Assert.StartsWith("#", href);
            Assert.True(page.GetElementById(href[1..]) is not null, $"'{entry.TextContent.Trim()}' links to {href}, which is not on the page.");
        }
    }
}
