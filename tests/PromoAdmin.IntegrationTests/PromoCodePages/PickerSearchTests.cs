using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The long pick lists (docs/rules.md#pickers): the searches the script asks as the user types, and the same lists
/// without JavaScript, where the page renders the first options and the search button re-renders it with the matches.
/// Who may search is in the permission matrix.
/// </summary>
public sealed class PickerSearchTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One option as the searches answer it.</summary>
    private sealed record Pick(string Value, string Label, string? Hint, string? Group, bool Events);

    private static async Task<List<Pick>> SearchAsync(WebSession session, string path, string text)
    {
        var response = await session.Client.GetAsync($"{path}?q={Uri.EscapeDataString(text)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<Pick>>(Ct))!;
    }

    [Fact]
    public async Task The_catalog_search_answers_at_most_fifty_items_whose_name_or_key_holds_the_text_in_the_pickers_order()
    {
        var tag = TestData.NewTag();
        await using (var scope = factory.Db())
        {
            scope.Context.CatalogItems.AddRange(Enumerable.Range(0, 60).Select(i =>
                new CatalogItem { Key = $"lantern-{tag}-{i:00}", Name = $"Paper lantern {i:00} {tag}", Kind = CatalogItemKind.Item }));
            scope.Context.CatalogItems.Add(new CatalogItem { Key = $"tour-{tag}", Name = $"Night tour {tag}", Kind = CatalogItemKind.Event });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(factory);

        var found = await SearchAsync(session, "/catalog/items/search", tag.ToUpperInvariant());
        Assert.Equal(SettingOptionsService.MaxMatches, found.Count);
        Assert.All(found, f => Assert.Contains(tag, f.Label, StringComparison.Ordinal));
        // Events first, then by name; each as the page renders it, an event marked as one (the form shows booking rules for it).
        Assert.Equal(new Pick($"tour-{tag}", $"Night tour {tag}", $"tour-{tag}", "Events", true), found[0]);
        Assert.Equal(new Pick($"lantern-{tag}-00", $"Paper lantern 00 {tag}", $"lantern-{tag}-00", "Items", false), found[1]);
        // The key matches as well as the name, ignoring case.
        Assert.Equal([$"lantern-{tag}-59"], (await SearchAsync(session, "/catalog/items/search", $"LANTERN-{tag}-59")).Select(f => f.Value));
        Assert.Empty(await SearchAsync(session, "/catalog/items/search", $"no such item {tag}"));
    }

    [Fact]
    public async Task The_campaign_and_segment_searches_answer_the_names_holding_the_text()
    {
        var tag = TestData.NewTag();
        var harvest = new Campaign { Name = $"Harvest fair {tag}" };
        await using (var scope = factory.Db())
        {
            scope.Context.Campaigns.AddRange(harvest, new Campaign { Name = $"Winter fair {tag}" });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var gold = await factory.SegmentAsync($"Gold members {tag}", 2);
        await factory.SegmentAsync($"Silver members {tag}", 1);
        var session = await WebSession.SignedInAsync(factory);

        Assert.Equal([new Pick(harvest.Id.ToString(CultureInfo.InvariantCulture), $"Harvest fair {tag}", null, null, false)],
            await SearchAsync(session, "/campaigns/search", $"harvest FAIR {tag}"));
        Assert.Equal(2, (await SearchAsync(session, "/campaigns/search", tag)).Count);
        Assert.Equal([new Pick(gold.Id.ToString(CultureInfo.InvariantCulture), $"Gold members {tag} (2 customers)", null, null, false)],
            await SearchAsync(session, "/customers/segments/search", $"gold members {tag}"));
        Assert.Equal(2, (await SearchAsync(session, "/customers/segments/search", $"members {tag}")).Count);
    }

    [Fact]
    public async Task A_search_text_longer_than_a_hundred_characters_is_refused()
    {
        var session = await WebSession.SignedInAsync(factory);
        foreach (var path in new[] { "/catalog/items/search", "/campaigns/search", "/customers/segments/search" })
        {
            var response = await session.Client.GetAsync($"{path}?q={new string('a', 101)}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("at most 100 characters", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_JavaScript_a_long_catalog_shows_its_first_items_and_the_search_button_finds_the_rest_whose_pick_posts()
    {
        var world = await factory.WorldAsync();
        var tag = world.Tag;
        var code = world.Code("GLOBE");
        // More items than a picker renders, whatever else the shared catalog holds; the one to find sorts after them.
        await using (var scope = factory.Db())
        {
            scope.Context.CatalogItems.AddRange(Enumerable.Range(0, SettingOptionsService.PickerOptions + 1).Select(i =>
                new CatalogItem { Key = $"filler-{tag}-{i:000}", Name = $"Zz filler {i:000} {tag}", Kind = CatalogItemKind.Item }));
            scope.Context.CatalogItems.Add(new CatalogItem { Key = $"globe-{tag}", Name = $"Zzz snow globe {tag}", Kind = CatalogItemKind.Item });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await AdminAtAsync(factory, world.Home);

        var form = await session.GetPageAsync("/promo-codes/create");
        var applicableTo = form.QuerySelector("[data-field=applicableTo]")!;
        Assert.Equal("/catalog/items/search", applicableTo.QuerySelector("[data-check-list]")!.GetAttribute("data-search-url"));
        Assert.Equal(SettingOptionsService.PickerOptions, applicableTo.QuerySelectorAll("input[type=checkbox]").Length);
        Assert.Null(applicableTo.QuerySelector($"input[value='globe-{tag}']"));

        // The search button re-renders the form with the matches (and what was typed stays).
        var searched = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new()
        {
            ["Code"] = [code], ["Amount"] = ["10"], ["Find[applicableTo]"] = [$"snow globe {tag}"], ["Command"] = ["find"],
        }));
        Assert.Null(searched.QuerySelector(".error-summary"));
        Assert.Equal(code, searched.QuerySelector("input[name=Code]")!.GetAttribute("value"));
        Assert.Equal([$"globe-{tag}"], searched.QuerySelectorAll("[data-field=applicableTo] input[type=checkbox]").Select(i => i.GetAttribute("value")));

        // Ticked as a browser does, the pick posts as any other.
        ((IHtmlInputElement)searched.QuerySelector($"[data-field=applicableTo] input[value='globe-{tag}']")!).IsChecked = true;
        var created = await session.SubmitAsync(searched, SaveForm);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        int id;
        await using (var scope = factory.Db())
        {
            var stored = await scope.Context.PromoCodes.AsNoTracking().SingleAsync(c => c.Code == code, Ct);
            Assert.Equal([$"globe-{tag}"], stored.ApplicableTo);
            id = stored.Id;
        }

        // The edit form renders the picked item ticked, beyond the first ones, so a save keeps it.
        var edit = await session.GetPageAsync($"/promo-codes/{id}/edit");
        Assert.True(((IHtmlInputElement)edit.QuerySelector($"[data-field=applicableTo] input[value='globe-{tag}']")!).IsChecked);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync(edit, SaveForm, new() { ["Description"] = ["Resaved"] })).StatusCode);
        await using (var scope = factory.Db())
            Assert.Equal([$"globe-{tag}"], (await scope.Context.PromoCodes.AsNoTracking().SingleAsync(c => c.Id == id, Ct)).ApplicableTo);
    }

    [Fact]
    public async Task Without_JavaScript_the_batch_forms_plain_campaign_and_segment_selects_post_what_is_picked_in_them()
    {
        var world = await factory.WorldAsync();
        var tag = world.Tag;
        // A long campaign list: the one to pick is not among the first rendered, and the search button finds it.
        var harvest = new Campaign { Name = $"Zzz harvest {tag}" };
        await using (var scope = factory.Db())
        {
            scope.Context.Campaigns.AddRange(Enumerable.Range(0, SettingOptionsService.PickerOptions + 1).Select(i => new Campaign { Name = $"Zz campaign {i:000} {tag}" }));
            scope.Context.Campaigns.Add(harvest);
            await scope.Context.SaveChangesAsync(Ct);
        }
        var segment = await factory.SegmentAsync($"Picker members {tag}", 2);
        var session = await AdminAtAsync(factory, world.Home);

        var form = await session.GetPageAsync("/batches/generate");
        var campaigns = (IHtmlSelectElement)form.QuerySelector("select[name='Settings.CampaignId']")!;
        Assert.Equal("/campaigns/search", campaigns.Closest("[data-searchable]")!.GetAttribute("data-search-url"));
        Assert.DoesNotContain(campaigns.Options, o => o.Value == harvest.Id.ToString(CultureInfo.InvariantCulture));
        var searched = await WebSession.ParseAsync(await session.SubmitAsync(form, "#generate-batch", new()
        {
            ["Settings.Find[campaignId]"] = [$"harvest {tag}"], ["Settings.Command"] = ["find"],
        }));
        searched = await WebSession.ParseAsync(await session.SubmitAsync(searched, "#generate-batch", new()
        {
            ["SegmentSearch"] = [segment.Name], ["Command"] = ["search-segments"],
        }));

        // Picked in the plain selects as a browser without JavaScript does, then generated.
        Choose(searched, "select[name='Settings.CampaignId']", harvest.Id);
        Choose(searched, "select[name=SegmentId]", segment.Id);
        var generated = await session.SubmitAsync(searched, "#generate-batch", new()
        {
            ["Method"] = ["Segment"], ["Name"] = ["Picked " + tag], ["Settings.Amount"] = ["10"], ["Command"] = ["generate"],
        });
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        await using var check = factory.Db();
        var batch = await check.Context.Batches.AsNoTracking().SingleAsync(b => b.Name == "Picked " + tag, Ct);
        Assert.Equal(segment.Id, batch.SegmentId);
        Assert.Equal(harvest.Id, BatchService.ReadSettings(batch).CampaignId);

        static void Choose(IHtmlDocument page, string selector, int id)
        {
            var select = (IHtmlSelectElement)page.QuerySelector(selector)!;
            select.Options.Single(o => o.Value == id.ToString(CultureInfo.InvariantCulture)).IsSelected = true;
        }
    }
}
