using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.ReferenceData.ReferenceDataPages;

namespace PromoAdmin.IntegrationTests.ReferenceData;

/// <summary>Every reference data page as a viewer sees it: the lists without edit buttons, and no form that saves.</summary>
public sealed class ReferenceDataViewerPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
