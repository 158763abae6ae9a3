using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

/// <summary>The API clients page: post/redirect/get for a create, the key shown exactly once, a refused form kept.</summary>
public sealed class ApiClientPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_client_redirects_to_a_page_showing_its_key_once_and_a_refresh_creates_nothing()
    {
        var name = "Till " + TestData.NewTag();
        var session = await WebSession.SignedInAsync(factory);
        var before = await CountAsync();
        var page = await session.GetPageAsync("/api-clients");

        var created = await session.SubmitAsync(page, "form[action='/api-clients']", new()
        {
            ["Name"] = [name], ["Scopes"] = [ApiScopes.Checkout, ApiScopes.Admin],
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        Assert.DoesNotContain("pa_", location, StringComparison.Ordinal);

        var shown = await session.Client.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("no-store", shown.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var key = (await WebSession.ParseAsync(shown)).QuerySelector<IHtmlInputElement>("[data-testid=new-api-key]")!;
        Assert.True(key.IsReadOnly);
        Assert.StartsWith("pa_", key.Value, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(key.Value).GetAsync("/api/v1/locations", Ct)).StatusCode);

        // Refreshing the page the create landed on: the key is gone, the page says so, and no client was added.
        var again = await session.GetPageAsync(location);
        Assert.Null(again.QuerySelector("[data-testid=new-api-key]"));
        Assert.Contains("cannot be shown again", again.QuerySelector("[data-testid=key-gone]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Value, again.DocumentElement.OuterHtml, StringComparison.Ordinal);

        Assert.Equal(before + 1, await CountAsync());
        await using var scope = factory.Db();
        Assert.Single(scope.Context.ApiClients.Where(c => c.Name == name));
    }

    [Fact]
    public async Task A_refused_create_keeps_the_ticked_scopes_and_saves_nothing()
    {
        var session = await WebSession.SignedInAsync(factory);
        var before = await CountAsync();
        var page = await session.GetPageAsync("/api-clients");

        var refused = await session.SubmitAsync(page, "form[action='/api-clients']", new()
        {
            ["Name"] = [""], ["Scopes"] = [ApiScopes.Admin],
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await WebSession.ParseAsync(refused);
        Assert.Contains("Name is required.", form.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(form.QuerySelector<IHtmlInputElement>($"#scope-{ApiScopes.Admin}")!.IsChecked);
        Assert.False(form.QuerySelector<IHtmlInputElement>($"#scope-{ApiScopes.Checkout}")!.IsChecked);
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var scope = factory.Db();
        return scope.Context.ApiClients.Count();
    }
}
