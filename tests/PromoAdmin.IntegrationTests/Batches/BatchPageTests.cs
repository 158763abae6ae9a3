using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

[Collection(nameof(BatchJobsCollection))]
public sealed class BatchPageTests(BatchJobsApp factory)
{
    private static async Task<WebSession> AtAsync(PromoAdminFactory factory, TestWorld w)
    {
        var session = await WebSession.SignedInAsync(factory);
        await session.SubmitAsync(await session.GetPageAsync("/batches"), "#location-switcher", new() { ["key"] = [w.Home] });
        return session;
    }

    private static void EveryInputIsLabelled(IHtmlDocument page, string formSelector)
    {
        var form = page.QuerySelector(formSelector)!;
        foreach (var input in form.QuerySelectorAll("input:not([type=hidden]):not([type=submit]), select, textarea"))
        {
            var id = input.Id;
            var labelled = (id is not null && page.QuerySelector($"label[for='{id}']") is not null) || input.Closest("label") is not null
                           || input.HasAttribute("aria-label") || input.HasAttribute("aria-labelledby");
            Assert.True(labelled, $"Unlabelled input: {input.OuterHtml}");
        }
    }

    [Fact]
    public async Task Generate_batch_leads_the_list_toolbar_at_its_top_left_before_the_search()
    {
        var w = await factory.WorldAsync();
        var session = await AtAsync(factory, w);
        var list = await session.GetPageAsync("/batches");
        // The toolbar opens the list's card, and the button opens the toolbar; the page header no longer holds it.
        var toolbar = list.QuerySelector(".card-table")!.FirstElementChild!;
        Assert.Equal("batch-toolbar", toolbar.GetAttribute("data-testid"));
        var first = toolbar.FirstElementChild!;
        Assert.Equal(("A", "Generate Batch", "/batches/generate"), (first.TagName, first.TextContent.Trim(), first.GetAttribute("href")));
        Assert.Equal("Search batches", first.NextElementSibling!.GetAttribute("aria-label"));
        Assert.DoesNotContain(list.QuerySelectorAll(".page-header a"), a => a.TextContent.Contains("Generate Batch"));
    }

    [Fact]
    public async Task The_generate_form_has_the_documented_fields_and_generates_a_batch_shown_as_generating_until_ready()
    {
        var w = await factory.WorldAsync();
        var session = await AtAsync(factory, w);
        var form = await session.GetPageAsync("/batches/generate");
        var text = form.QuerySelector("#generate-batch")!.TextContent;
        foreach (var label in new[] { "Select Generation Method", "Number of Codes", "Target User Segment", "Number of Characters in Code", "Display", "Batch Name", "Enabled",
                     "Promo code details", "Redemption rules", "Purchase rules", "Usage and application rules", "Eligibility rules" })
            Assert.Contains(label, text);
        Assert.Null(form.QuerySelector("#Settings_Code"));
        EveryInputIsLabelled(form, "#generate-batch");

        var response = await session.SubmitAsync(form, "#generate-batch", new()
        {
            ["Method"] = ["Count"], ["Count"] = ["120"], ["CodeLength"] = ["7"], ["Prefix"] = ["FORM-"], ["Name"] = ["From the form " + w.Tag],
            ["Settings.Display"] = ["Thanks!"], ["Settings.Amount"] = ["12.5"], ["Settings.QuantityChoice"] = ["Limited"], ["Settings.Quantity"] = ["2"],
        });
        var page = await session.FollowAsync(response);
        Assert.Contains("is generating 120 codes", page.QuerySelector(".alert-success")!.TextContent);
        var progress = page.QuerySelector("[data-batch-progress]")!;
        Assert.Equal("generating", progress.GetAttribute("data-status"));
        Assert.NotNull(page.QuerySelector("[role=progressbar]"));
        Assert.NotNull(page.QuerySelector("noscript meta[http-equiv=refresh]"));
        var id = int.Parse(progress.GetAttribute("data-batch-progress")!);

        var json = await session.Client.GetStringAsync($"/batches/progress?ids={id}");
        Assert.Contains("\"status\":\"generating\"", json);

        await BatchKit.Runner(factory).RunPendingJobsAsync();
        page = await session.GetPageAsync($"/batches/{id}");
        Assert.Equal("ready", page.QuerySelector("[data-batch-progress]")!.GetAttribute("data-status"));
        Assert.Null(page.QuerySelector("noscript meta[http-equiv=refresh]"));
        var rows = page.QuerySelectorAll("tr[data-code-row]");
        Assert.Equal(25, rows.Length);
        Assert.All(rows, r => Assert.Matches("^FORM-[A-Z2-9]{7}$", r.QuerySelector(".code-name")!.TextContent));
        Assert.Equal($"/promo-codes/{rows[0].GetAttribute("data-code-row")}/edit", rows[0].QuerySelector("a")!.GetAttribute("href"));
        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.Where(c => c.BatchId == id).ToListAsync();
        Assert.All(codes, c => Assert.Equal(("Thanks!", 12.5m, (int?)2), (c.Display, c.Amount, c.Inventory.Quantity)));

        var list = await session.GetPageAsync("/batches");
        var row = list.QuerySelector($"tr[data-batch-row='{id}']")!;
        Assert.Contains("120", row.TextContent);
        Assert.Equal($"/promo-codes?batchId={id}", row.QuerySelectorAll("a").Single(a => a.TextContent == "Show List").GetAttribute("href"));
        Assert.Contains(row.QuerySelectorAll("a"), a => a.TextContent == "Export to CSV");
    }

    [Fact]
    public async Task The_form_shows_the_guessability_message_on_the_length_field_and_keeps_the_input()
    {
        var w = await factory.WorldAsync();
        var session = await AtAsync(factory, w);
        var form = await session.GetPageAsync("/batches/generate");
        var response = await session.SubmitAsync(form, "#generate-batch", new()
        {
            ["Method"] = ["Count"], ["Count"] = ["50000"], ["CodeLength"] = ["4"], ["Name"] = ["Too dense " + w.Tag],
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebSession.ParseAsync(response);
        var error = page.QuerySelector("[data-valmsg-for=CodeLength]")!.TextContent;
        Assert.Contains("Use at least 5 characters.", error);
        Assert.Equal("Too dense " + w.Tag, ((IHtmlInputElement)page.QuerySelector("#Name")!).Value);
        await using var scope = factory.Db();
        Assert.False(await scope.Context.Batches.AnyAsync(b => b.LocationId == w.HomeId));
    }

    [Fact]
    public async Task A_segment_batch_is_generated_from_the_form()
    {
        var w = await factory.WorldAsync();
        var (segmentId, segmentName, _) = await factory.SegmentAsync("Form VIP " + w.Tag, 7);
        var session = await AtAsync(factory, w);
        var form = await session.GetPageAsync("/batches/generate");
        // The segment search (without JavaScript: a re-render) narrows the list to matching segments.
        var searched = await WebSession.ParseAsync(await session.SubmitAsync(form, "#generate-batch", new()
        {
            ["Command"] = ["search-segments"], ["SegmentSearch"] = ["Form VIP " + w.Tag], ["Name"] = ["Members " + w.Tag],
        }));
        var options = searched.QuerySelectorAll("#SegmentId option").Where(o => o.GetAttribute("value") != "").ToList();
        Assert.Equal($"{segmentName} (7 customers)", Assert.Single(options).TextContent);
        var response = await session.SubmitAsync(searched, "#generate-batch", new() { ["Method"] = ["Segment"], ["SegmentId"] = [segmentId.ToString()] });
        var page = await session.FollowAsync(response);
        Assert.Contains(segmentName, page.QuerySelector(".page-subtitle")!.TextContent);
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        page = await session.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal(7, page.QuerySelectorAll("tr[data-code-row]").Length);
        Assert.All(page.QuerySelectorAll("tr[data-code-row]"), r => Assert.Contains("cust-", r.TextContent));
    }

    [Fact]
    public async Task Clone_from_the_batch_page_adds_codes_with_the_same_rules_to_the_batch()
    {
        var w = await factory.WorldAsync();
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Clones " + w.Tag, method = "count", count = 3, codeLength = 6, settings = new { amount = 30, description = "Cloned" } });
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        var session = await AtAsync(factory, w);
        var page = await session.GetPageAsync($"/batches/{id}");
        var codeId = page.QuerySelector("tr[data-code-row]")!.GetAttribute("data-code-row");
        var cloneForm = page.QuerySelector($"form[action='/batches/{id}/codes/{codeId}/clone']")!;
        Assert.NotNull(page.QuerySelector($"label[for='clone-{codeId}']"));
        Assert.Contains("Generate Promo Codes", cloneForm.TextContent);
        var after = await session.FollowAsync(await session.SubmitAsync(page, $"form[action='/batches/{id}/codes/{codeId}/clone']", new() { ["count"] = ["4"] }));
        Assert.Contains("Generated 4 promo codes", after.QuerySelector(".alert-success")!.TextContent);
        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.Where(c => c.BatchId == id).ToListAsync();
        Assert.Equal(7, codes.Count);
        Assert.All(codes, c => Assert.Equal((30m, "Cloned", 6), (c.Amount, c.Description, c.Code.Length)));
    }

    [Fact]
    public async Task A_viewer_sees_batches_but_cannot_generate_modify_or_delete()
    {
        var w = await factory.WorldAsync();
        await factory.UserAsync($"viewer-{w.Tag}@test", "Viewer-pass-2026", Domain.Users.Roles.Viewer);
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Read only " + w.Tag, method = "count", count = 2 });
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        var session = await WebSession.SignedInAsync(factory, $"viewer-{w.Tag}@test", "Viewer-pass-2026");
        await session.SubmitAsync(await session.GetPageAsync("/batches"), "#location-switcher", new() { ["key"] = [w.Home] });
        var list = await session.GetPageAsync("/batches");
        Assert.Null(list.QuerySelector("a[href='/batches/generate']"));
        Assert.DoesNotContain(list.QuerySelectorAll("a"), a => a.TextContent is "Delete" or "Modify Inventory" or "Export to CSV");
        foreach (var url in new[] { "/batches/generate", $"/batches/{id}/inventory", $"/batches/{id}/delete", $"/batches/{id}/export" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {(int)response.StatusCode}");
        }
        Assert.Equal(BatchStatus.Ready.ToString(), (await session.GetPageAsync($"/batches/{id}")).QuerySelector("[data-progress-status]")!.TextContent);
    }
}
