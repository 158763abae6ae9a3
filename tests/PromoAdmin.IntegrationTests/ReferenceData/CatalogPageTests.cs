using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.ReferenceData.ReferenceDataPages;

namespace PromoAdmin.IntegrationTests.ReferenceData;

/// <summary>The catalog pages: items (form, kind filter, field errors) and variant targeting groups.</summary>
public sealed class CatalogPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
        // Other tests' items share the list: find this test's row by its suffix.
        list = await session.GetPageAsync($"/catalog?search={u}");
        Assert.Equal("Gift card", RowWith(list, $"gc50-{u}").QuerySelector(".badge")!.TextContent.Trim());

        var giftCards = await session.GetPageAsync($"/catalog?search={u}&kind=giftCard");
        Assert.Contains("Total results: 1", giftCards.QuerySelector(".toolbar")!.TextContent);
        Assert.Equal("giftCard", ((IHtmlSelectElement)giftCards.QuerySelector("select[name=kind]")!).Value);
        var events = await session.GetPageAsync($"/catalog?search={u}&kind=event");
        Assert.NotNull(events.QuerySelector(".empty-state"));

        var edit = await session.GetPageAsync(EditLink(list, $"gc50-{u}"));
        Assert.Equal("giftCard", ((IHtmlSelectElement)edit.QuerySelector("select[name=Kind]")!).Value);
        var updated = await session.SubmitAsync(edit, "form[action='/catalog/save']", new() { ["Name"] = [$"Gift Card $55 {u}"], ["Kind"] = ["item"] });
        await session.FollowAsync(updated);
        var after = await session.GetPageAsync($"/catalog?search={u}");
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
        list = await session.GetPageAsync($"/catalog/variant-targeting-groups?search={u}");
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
    public async Task Variant_targeting_group_key_is_taken_at_creation_listed_and_read_only_on_the_edit_page()
    {
        var u = Unique();
        await using (var scope = factory.Db())
        {
            scope.Context.CatalogItems.Add(new CatalogItem { Key = $"karts-{u}", Name = "Go karts", Kind = CatalogItemKind.Event });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/catalog/variant-targeting-groups/create");
        Assert.Contains("applicableGroups", form.QuerySelector("#key-help")!.TextContent);

        var builtIn = await session.SubmitAsync(form, "form[action='/catalog/variant-targeting-groups/save']", new()
        {
            ["Name"] = [$"Racing {u}"], ["Key"] = ["all-events"], ["ItemKeys"] = [$"karts-{u}"],
        });
        Assert.Contains("built-in catalog group", FieldError(await WebSession.ParseAsync(builtIn), "Key"));

        await session.FollowAsync(await session.SubmitAsync(form, "form[action='/catalog/variant-targeting-groups/save']", new()
        {
            ["Name"] = [$"Racing {u}"], ["Key"] = [$"racing-{u}"], ["ItemKeys"] = [$"karts-{u}"],
        }));
        var list = await session.GetPageAsync($"/catalog/variant-targeting-groups?search={u}");
        Assert.Equal($"racing-{u}", RowWith(list, $"Racing {u}").QuerySelector("[data-group-key]")!.TextContent.Trim());
        Assert.Contains("Applicable groups", list.QuerySelector("main p.text-secondary")!.TextContent);

        var edit = await session.GetPageAsync(EditLink(list, $"Racing {u}"));
        var key = (IHtmlInputElement)edit.QuerySelector("#Key")!;
        Assert.Equal(($"racing-{u}", true, (string?)null), (key.Value, key.IsReadOnly, key.GetAttribute("name")));
        // A key posted with an update (a tampered form) changes nothing.
        await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/catalog/variant-targeting-groups/save']", new() { ["Name"] = [$"Racing 2 {u}"], ["Key"] = [$"other-{u}"] }));

        await using var check = factory.Db();
        var stored = await check.Context.VariantTargetingGroups.SingleAsync(g => g.Name == $"Racing 2 {u}", Ct);
        Assert.Equal($"racing-{u}", stored.Key);
    }
}
