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

    [Fact]
    public async Task Campaign_budget_is_set_through_the_form_shown_with_what_is_used_and_a_negative_one_is_refused_on_its_field()
    {
        var u = Unique();
        var session = await WebSession.SignedInAsync(factory);
        var form = await session.GetPageAsync("/campaigns/create");
        Assert.Equal("No limit", form.QuerySelector("input[name='Budget.MaxDiscountTotal']")!.GetAttribute("placeholder"));
        Assert.Null(form.QuerySelector("[data-testid=budget-used]"));

        // A negative total and zero redemptions: each error on its field, what was typed stays, nothing is saved.
        var bad = await session.SubmitAsync(form, "form[action='/campaigns/save']", new()
        {
            ["Name"] = [$"Launch {u}"], ["Budget.MaxDiscountTotal"] = ["-5"], ["Budget.MaxRedemptions"] = ["0"],
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await WebSession.ParseAsync(bad);
        Assert.Contains("must be more than 0", FieldError(badPage, "Budget.MaxDiscountTotal"));
        Assert.Contains("must be at least 1", FieldError(badPage, "Budget.MaxRedemptions"));
        Assert.Equal("-5", ((IHtmlInputElement)badPage.QuerySelector("input[name='Budget.MaxDiscountTotal']")!).Value);
        await using (var scope = factory.Db())
            Assert.False(await scope.Context.Campaigns.AnyAsync(c => c.Name == $"Launch {u}", Ct));

        var created = await session.FollowAsync(await session.SubmitAsync(badPage, "form[action='/campaigns/save']", new()
        {
            ["Budget.MaxDiscountTotal"] = ["10000"], ["Budget.MaxRedemptions"] = ["5000"],
        }));
        Assert.Contains($"Campaign Launch {u} created.", created.QuerySelector(".alert-success")!.TextContent);
        await using (var scope = factory.Db())
        {
            var stored = await scope.Context.Campaigns.SingleAsync(c => c.Name == $"Launch {u}", Ct);
            Assert.Equal(((decimal?)10000m, (int?)5000), (stored.BudgetMaxDiscount, stored.BudgetMaxRedemptions));
            // What the campaign's redemptions have used (checkout moves these counters).
            (stored.BudgetDiscountUsed, stored.BudgetRedemptionsUsed) = (1234m, 17);
            await scope.Context.SaveChangesAsync(Ct);
        }

        var list = await session.GetPageAsync($"/campaigns?search={u}");
        var row = RowWith(list, $"Launch {u}");
        Assert.Equal("$10,000.00 and 5,000 redemptions", row.QuerySelector("[data-testid=budget]")!.TextContent.Trim());
        Assert.Equal("$1,234.00 of $10,000.00 given; 17 of 5,000 redemptions", row.QuerySelector("[data-testid=budget-used]")!.TextContent.Trim());

        var edit = await session.GetPageAsync(EditLink(list, $"Launch {u}"));
        Assert.Equal(("10000", "5000"), (((IHtmlInputElement)edit.QuerySelector("input[name='Budget.MaxDiscountTotal']")!).Value,
            ((IHtmlInputElement)edit.QuerySelector("input[name='Budget.MaxRedemptions']")!).Value));
        Assert.Contains("$1,234.00 of $10,000.00 given; 17 of 5,000 redemptions", edit.QuerySelector("[data-testid=budget-used]")!.TextContent);

        // Blank is no limit: clearing the total keeps the redemptions cap only.
        await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/campaigns/save']", new() { ["Budget.MaxDiscountTotal"] = [""] }));
        list = await session.GetPageAsync($"/campaigns?search={u}");
        Assert.Equal("$1,234.00 given; 17 of 5,000 redemptions", RowWith(list, $"Launch {u}").QuerySelector("[data-testid=budget-used]")!.TextContent.Trim());
        await using (var scope = factory.Db())
        {
            var stored = await scope.Context.Campaigns.SingleAsync(c => c.Name == $"Launch {u}", Ct);
            Assert.Equal(((decimal?)null, (int?)5000), (stored.BudgetMaxDiscount, stored.BudgetMaxRedemptions));
        }
    }
}
