using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Customers;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.ReferenceData.ReferenceDataPages;

namespace PromoAdmin.IntegrationTests.ReferenceData;

/// <summary>The customer pages: customers (form, list, search) and segments (members as keys, paged).</summary>
public sealed class CustomerPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
        await session.FollowAsync(created);
        // Other tests' customers share the list: find this test's row by its suffix.
        var list = await session.GetPageAsync($"/customers?search={u}");
        Assert.Contains($"ava.{u}@example.com", RowWith(list, $"cust-{u}").TextContent);

        var edit = await session.GetPageAsync(EditLink(list, $"cust-{u}"));
        await session.FollowAsync(await session.SubmitAsync(edit, "form[action='/customers/save']", new() { ["Name"] = [$"Ava Garcia {u}"] }));
        var updated = await session.GetPageAsync($"/customers?search={u}");
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
}
