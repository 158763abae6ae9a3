using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.Tests;

namespace PromoAdmin.IntegrationTests.ReferenceData;

public sealed class ReferenceDataPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tests in this class share one database: every key and name carries this test's own suffix.</summary>
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static IElement RowWith(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("table tbody tr").SingleOrDefault(r => r.TextContent.Contains(text))
        ?? throw new Xunit.Sdk.XunitException($"No row contains '{text}'.");

    private static string EditLink(IHtmlDocument page, string rowText) =>
        RowWith(page, rowText).QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Edit").GetAttribute("href")!;

    private static string FieldError(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    private static string ActiveNav(IHtmlDocument page) =>
        page.QuerySelector("nav[aria-label=Main] a.active")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Catalog_item_is_created_through_the_form_filtered_by_kind_and_edited()
    {
        var u = Unique();
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/catalog/create");
        Assert.Equal("Catalog", ActiveNav(form));
        var created = await session.SubmitAsync(form, "form[action='/catalog/save']", new()
        {
            ["Name"] = [$"Gift Card $50 {u}"], ["Key"] = [$"gc50-{u}"], ["Kind"] = ["giftCard"],
        });
        var list = await session.FollowAsync(created);
        Assert.Contains($"Gift Card $50 {u}", list.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal("Gift card", RowWith(list, $"gc50-{u}").QuerySelector(".badge")!.TextContent.Trim());

        var giftCards = await session.GetPageAsync($"/catalog?search={u}&kind=giftCard");
        Assert.Contains("Total results: 1", giftCards.QuerySelector(".toolbar")!.TextContent);
        Assert.Equal("giftCard", ((IHtmlSelectElement)giftCards.QuerySelector("select[name=kind]")!).Value);
        var events = await session.GetPageAsync($"/catalog?search={u}&kind=event");
        Assert.NotNull(events.QuerySelector(".empty-state"));

        var edit = await session.GetPageAsync(EditLink(list, $"gc50-{u}"));
        Assert.Equal("giftCard", ((IHtmlSelectElement)edit.QuerySelector("select[name=Kind]")!).Value);
        var updated = await session.SubmitAsync(edit, "form[action='/catalog/save']", new() { ["Name"] = [$"Gift Card $55 {u}"], ["Kind"] = ["item"] });
        var after = await session.FollowAsync(updated);
        Assert.Equal("Item", RowWith(after, $"Gift Card $55 {u}").QuerySelector(".badge")!.TextContent.Trim());

        await using var scope = factory.Db();
        var stored = await scope.Context.CatalogItems.SingleAsync(c => c.Key == $"gc50-{u}", Ct);
        Assert.Equal((CatalogItemKind.Item, $"Gift Card $55 {u}"), (stored.Kind, stored.Name));
    }

    [Fact]
    public async Task Catalog_form_with_bad_input_shows_the_errors_by_their_fields_and_saves_nothing()
    {
        var u = Unique();
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/catalog/create");
        var response = await session.SubmitAsync(form, "form[action='/catalog/save']", new() { ["Name"] = [""], ["Key"] = [$"bad key {u}"] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebSession.ParseAsync(response);
        Assert.Contains("Key must", FieldError(page, "Key"));
        Assert.Contains("Name is required", FieldError(page, "Name"));
        Assert.Equal($"bad key {u}", ((IHtmlInputElement)page.QuerySelector("input[name=Key]")!).Value);

        await using var scope = factory.Db();
        Assert.False(await scope.Context.CatalogItems.AnyAsync(c => c.Key == $"bad key {u}", Ct));
    }

    [Fact]
    public async Task Variant_targeting_group_is_made_from_keys_one_per_line_and_unknown_keys_are_named()
    {
        var u = Unique();
        await using (var scope = factory.Db())
        {
            scope.Context.CatalogItems.AddRange(
                new CatalogItem { Key = $"vault-{u}", Name = "The Vault", Kind = CatalogItemKind.Event },
                new CatalogItem { Key = $"temple-{u}", Name = "Lost Temple", Kind = CatalogItemKind.Event });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/catalog/variant-targeting-groups/create");

        var unknown = await session.SubmitAsync(form, "form[action='/catalog/variant-targeting-groups/save']", new()
        {
            ["Name"] = [$"Escape rooms {u}"], ["ItemKeys"] = [$"vault-{u}\r\nghost-{u}"],
        });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var errorPage = await WebSession.ParseAsync(unknown);
        Assert.Contains($"ghost-{u}", FieldError(errorPage, "ItemKeys"));

        var created = await session.SubmitAsync(errorPage, "form[action='/catalog/variant-targeting-groups/save']", new()
        {
            ["ItemKeys"] = [$"vault-{u}\r\n\r\n  temple-{u}  \r\n"],
        });
        var list = await session.FollowAsync(created);
        Assert.Equal("Catalog", ActiveNav(list));
        var row = RowWith(list, $"Escape rooms {u}");
        Assert.Contains($"temple-{u}", row.TextContent);

        var edit = await session.GetPageAsync(EditLink(list, $"Escape rooms {u}"));
        Assert.Equal($"vault-{u}\ntemple-{u}", ((IHtmlTextAreaElement)edit.QuerySelector("textarea[name=ItemKeys]")!).Value.ReplaceLineEndings("\n").Trim());
        await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/catalog/variant-targeting-groups/save']", new() { ["ItemKeys"] = [$"temple-{u}"] }));

        await using var check = factory.Db();
        var stored = await check.Context.VariantTargetingGroups.SingleAsync(g => g.Name == $"Escape rooms {u}", Ct);
        Assert.Equal(new[] { $"temple-{u}" }, stored.ItemKeys);
    }

    [Fact]
    public async Task Customer_is_created_and_edited_through_the_form_and_the_list_pages_with_its_search()
    {
        var u = Unique();
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/customers/create");
        Assert.Equal("Customers & segments", ActiveNav(form));

        var bad = await session.SubmitAsync(form, "form[action='/customers/save']", new()
        {
            ["Name"] = [$"Ava {u}"], ["Key"] = [$"cust-{u}"], ["Email"] = ["not-an-email"],
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("email address", FieldError(await WebSession.ParseAsync(bad), "Email"));

        var created = await session.SubmitAsync(form, "form[action='/customers/save']", new()
        {
            ["Name"] = [$"Ava {u}"], ["Key"] = [$"cust-{u}"], ["Email"] = [$"ava.{u}@example.com"], ["Phone"] = ["+1-555-100-1000"],
        });
        var list = await session.FollowAsync(created);
        Assert.Contains($"ava.{u}@example.com", RowWith(list, $"cust-{u}").TextContent);

        var edit = await session.GetPageAsync(EditLink(list, $"cust-{u}"));
        var updated = await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/customers/save']", new() { ["Name"] = [$"Ava Garcia {u}"] }));
        Assert.Contains($"Ava Garcia {u}", RowWith(updated, $"cust-{u}").TextContent);

        await using (var scope = factory.Db())
        {
            scope.Context.Customers.AddRange(
                new Customer { Key = $"p2-{u}", Name = $"Bea {u}" },
                new Customer { Key = $"p3-{u}", Name = $"Cy {u}" });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var first = await session.GetPageAsync($"/customers?search={u}&pageSize=2");
        Assert.Contains("Total results: 3", first.QuerySelector(".toolbar")!.TextContent);
        Assert.Equal(2, first.QuerySelectorAll("table tbody tr").Length);
        var next = first.QuerySelector("nav[aria-label=Pages] a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains($"search={u}", next);
        var second = await session.GetPageAsync(next);
        Assert.Contains($"Cy {u}", Assert.Single(second.QuerySelectorAll("table tbody tr")).TextContent);
    }

    [Fact]
    public async Task Segment_members_are_entered_as_keys_one_per_line_and_shown_paged()
    {
        var u = Unique();
        await using (var scope = factory.Db())
        {
            scope.Context.Customers.AddRange(Enumerable.Range(1, 3).Select(i => new Customer { Key = $"s{i}-{u}", Name = $"Member {i} {u}" }));
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/customers/segments/create");

        var unknown = await session.SubmitAsync(form, "form[action='/customers/segments/save']", new()
        {
            ["Name"] = [$"VIP {u}"], ["CustomerKeys"] = [$"s1-{u}\nnobody-{u}"],
        });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains($"nobody-{u}", FieldError(await WebSession.ParseAsync(unknown), "CustomerKeys"));

        var created = await session.SubmitAsync(form, "form[action='/customers/segments/save']", new()
        {
            ["Name"] = [$"VIP {u}"], ["CustomerKeys"] = [$"s1-{u}\r\ns2-{u}\r\ns3-{u}"],
        });
        var segment = await session.FollowAsync(created);
        Assert.Contains("3 members", segment.QuerySelector("[data-testid=member-count]")!.TextContent);
        Assert.Equal("Customers & segments", ActiveNav(segment));
        var paged = await session.GetPageAsync(created.Headers.Location + "?pageSize=2&page=2");
        Assert.Contains($"Member 3 {u}", Assert.Single(paged.QuerySelectorAll("table tbody tr")).TextContent);

        var list = await session.GetPageAsync($"/customers/segments?search={u}");
        Assert.Contains("3", RowWith(list, $"VIP {u}").QuerySelector(".badge")!.TextContent);

        var edit = await session.GetPageAsync(EditLink(list, $"VIP {u}"));
        Assert.Contains($"s2-{u}", ((IHtmlTextAreaElement)edit.QuerySelector("textarea[name=CustomerKeys]")!).Value);
        var updated = await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/customers/segments/save']", new() { ["CustomerKeys"] = [$"s2-{u}"] }));
        Assert.Contains("1 member", updated.QuerySelector("[data-testid=member-count]")!.TextContent);

        await using var check = factory.Db();
        var segmentId = await check.Context.Segments.Where(s => s.Name == $"VIP {u}").Select(s => s.Id).SingleAsync(Ct);
        var keys = await check.Context.SegmentMembers.Where(m => m.SegmentId == segmentId).Select(m => m.Customer.Key).ToListAsync(Ct);
        Assert.Equal(new[] { $"s2-{u}" }, keys);
    }

    [Fact]
    public async Task Campaign_and_each_lookup_kind_are_created_and_edited_through_their_forms()
    {
        var u = Unique();
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/campaigns/create");
        Assert.Equal("Campaigns & lookups", ActiveNav(form));
        var list = await session.FollowAsync(await session.SubmitAsync(form, "form[action='/campaigns/save']", new() { ["Name"] = [$"Summer {u}"] }));
        var edit = await session.GetPageAsync(EditLink(list, $"Summer {u}"));
        list = await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/campaigns/save']", new() { ["Name"] = [$"Summer 2027 {u}"] }));
        RowWith(list, $"Summer 2027 {u}");

        var duplicate = await session.SubmitAsync(await session.GetPageAsync("/campaigns/create"), "form[action='/campaigns/save']", new() { ["Name"] = [$"Summer 2027 {u}"] });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("already exists", FieldError(await WebSession.ParseAsync(duplicate), "Name"));

        foreach (var (kind, label) in new[] { ("offerType", "Offer type"), ("pnlAllocation", "P&L allocation"), ("transactionType", "Transaction type") })
        {
            var lookupForm = await session.GetPageAsync($"/campaigns/lookups/create?kind={kind}");
            Assert.Equal(kind, ((IHtmlSelectElement)lookupForm.QuerySelector("select[name=Kind]")!).Value);
            var created = await session.SubmitAsync(lookupForm, "form[action='/campaigns/lookups/save']", new() { ["Name"] = [$"Makegood {u}"] });
            Assert.EndsWith($"kind={kind}", created.Headers.Location!.ToString());
            var lookups = await session.FollowAsync(created);
            Assert.Equal(label, RowWith(lookups, $"Makegood {u}").QuerySelector(".badge")!.TextContent.Trim());
            Assert.Contains(label + "s", lookups.QuerySelector(".nav-tabs .active")!.TextContent);
        }

        var offers = await session.GetPageAsync($"/campaigns/lookups?kind=offerType&search={u}");
        var editLookup = await session.GetPageAsync(EditLink(offers, $"Makegood {u}"));
        var renamed = await session.FollowAsync(await session.SubmitAsync(editLookup, "form[action='/campaigns/lookups/save']", new() { ["Name"] = [$"Apology {u}"] }));
        RowWith(renamed, $"Apology {u}");

        await using var scope = factory.Db();
        var names = await scope.Context.Lookups.Where(l => l.Name.Contains(u)).OrderBy(l => l.Kind).Select(l => new { l.Kind, l.Name }).ToListAsync(Ct);
        Assert.Equal(new[] { (LookupKind.OfferType, $"Apology {u}"), (LookupKind.PnlAllocation, $"Makegood {u}"), (LookupKind.TransactionType, $"Makegood {u}") },
            names.Select(n => (n.Kind, n.Name)).ToArray());
    }

    [Fact]
    public async Task Viewer_sees_the_lists_without_edit_buttons_and_cannot_post_any_form()
    {
        var u = Unique();
        var email = $"viewer-{u}@test.promoadmin";
        const string password = "Viewer-pass-2026";
        await factory.UserAsync(email, password, Roles.Viewer);
        var session = await WebSession.SignedInAsync(factory, email, password);

        foreach (var list in new[] { "/catalog", "/catalog/variant-targeting-groups", "/customers", "/customers/segments", "/campaigns", "/campaigns/lookups?kind=offerType" })
        {
            var page = await session.GetPageAsync(list);
            Assert.DoesNotContain(page.QuerySelectorAll(".page-header a"), a => a.TextContent.StartsWith("Create"));
        }
        var createPage = await session.Client.GetAsync("/catalog/create", Ct);
        Assert.Equal(HttpStatusCode.Redirect, createPage.StatusCode);

        // A real token of the viewer's own session, so only the permission can refuse the post.
        var token = ((IHtmlInputElement)(await session.GetPageAsync("/catalog")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/catalog/save", new() { ["Key"] = $"viewer-{u}", ["Name"] = $"Viewer {u}", ["Kind"] = "item" }),
            ("/catalog/variant-targeting-groups/save", new() { ["Name"] = $"Viewer {u}", ["ItemKeys"] = "" }),
            ("/customers/save", new() { ["Key"] = $"viewer-{u}", ["Name"] = $"Viewer {u}" }),
            ("/customers/segments/save", new() { ["Name"] = $"Viewer {u}", ["CustomerKeys"] = "" }),
            ("/campaigns/save", new() { ["Name"] = $"Viewer {u}" }),
            ("/campaigns/lookups/save", new() { ["Kind"] = "offerType", ["Name"] = $"Viewer {u}" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await session.Client.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString());
        }

        await using var check = factory.Db();
        var name = $"Viewer {u}";
        Assert.False(await check.Context.CatalogItems.AnyAsync(c => c.Name == name, Ct));
        Assert.False(await check.Context.Customers.AnyAsync(c => c.Name == name, Ct));
        Assert.False(await check.Context.Segments.AnyAsync(s => s.Name == name, Ct));
        Assert.False(await check.Context.Campaigns.AnyAsync(c => c.Name == name, Ct));
        Assert.False(await check.Context.Lookups.AnyAsync(l => l.Name == name, Ct));
    }
}
