using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.ReferenceData.ReferenceDataPages;

namespace PromoAdmin.IntegrationTests.ReferenceData;

/// <summary>The campaign pages: campaigns and the lookup lists (offer types, P&amp;L allocations, transaction types).</summary>
public sealed class CampaignPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Campaign_and_each_lookup_kind_are_created_and_edited_through_their_forms()
    {
        var u = Unique();
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/campaigns/create");
        Assert.Equal("Campaigns & lookups", ActiveNav(form));
        await session.FollowAsync(await session.SubmitAsync(form, "form[action='/campaigns/save']", new() { ["Name"] = [$"Summer {u}"] }));
        // Other tests' campaigns share the list: find this test's rows by its suffix.
        var list = await session.GetPageAsync($"/campaigns?search={u}");
        var edit = await session.GetPageAsync(EditLink(list, $"Summer {u}"));
        await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/campaigns/save']", new() { ["Name"] = [$"Summer 2027 {u}"] }));
        list = await session.GetPageAsync($"/campaigns?search={u}");
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
            Assert.Contains(label + "s", lookups.QuerySelector(".nav-tabs .active")!.TextContent);
            lookups = await session.GetPageAsync($"/campaigns/lookups?kind={kind}&search={u}");
            Assert.Equal(label, RowWith(lookups, $"Makegood {u}").QuerySelector(".badge")!.TextContent.Trim());
        }

        var offers = await session.GetPageAsync($"/campaigns/lookups?kind=offerType&search={u}");
        var editLookup = await session.GetPageAsync(EditLink(offers, $"Makegood {u}"));
        await session.FollowAsync(await session.SubmitAsync(editLookup, "form[action='/campaigns/lookups/save']", new() { ["Name"] = [$"Apology {u}"] }));
        var renamed = await session.GetPageAsync($"/campaigns/lookups?kind=offerType&search={u}");
        RowWith(renamed, $"Apology {u}");

        await using var scope = factory.Db();
        var names = await scope.Context.Lookups.Where(l => l.Name.Contains(u)).OrderBy(l => l.Kind).Select(l => new { l.Kind, l.Name }).ToListAsync(Ct);
        Assert.Equal(new[] { (LookupKind.OfferType, $"Apology {u}"), (LookupKind.PnlAllocation, $"Makegood {u}"), (LookupKind.TransactionType, $"Makegood {u}") },
            names.Select(n => (n.Kind, n.Name)).ToArray());
    }
}
