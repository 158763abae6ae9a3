using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace PromoAdmin.IntegrationTests.Infrastructure;

/// <summary>
/// A browser without JavaScript: keeps cookies, reads pages with AngleSharp and submits their real forms,
/// so the antiforgery token travels exactly as a browser would send it.
/// </summary>
public sealed class WebSession(HttpClient client, CookieContainer cookies)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;
    public CookieContainer Cookies { get; } = cookies;

    /// <summary>A session that does not follow redirects; pass <paramref name="cookies"/> to share them with another app instance.</summary>
    public static WebSession Create(PromoAdminFactory factory, CookieContainer? cookies = null)
    {
        var handler = new CookieContainerHandler(cookies ?? new CookieContainer());
        return new(factory.Client(new Uri("http://localhost"), handler), handler.Container);
    }

    public static async Task<WebSession> SignedInAsync(PromoAdminFactory factory, string email = PromoAdminFactory.AdminEmail, string password = PromoAdminFactory.AdminPassword)
    {
        var session = Create(factory);
        var response = await session.SignInAsync(email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            Assert.Fail($"Signing in as {email} answered {(int)response.StatusCode}: {(await ParseAsync(response)).QuerySelector("main")?.TextContent.Trim()}");
        return session;
    }

    /// <summary>Works on this location from now on (the header's location switcher keeps it in a cookie).</summary>
    public WebSession At(string locationKey)
    {
        Cookies.Add(new Uri("http://localhost"), new Cookie(PromoAdmin.Web.Features.Infrastructure.CurrentLocation.CookieName, locationKey));
        return this;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var page = await GetPageAsync("/account/sign-in");
        return await SubmitAsync(page, "form", new() { ["Email"] = [email], ["Password"] = [password] });
    }

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>Follows a redirect (Post/Redirect/Get) and returns the page it lands on.</summary>
    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await GetPageAsync(response.Headers.Location!.ToString());
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Submits the form matched by <paramref name="selector"/> with its current values, overridden by <paramref name="values"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string selector, Dictionary<string, string[]>? values = null, string? submitterName = null)
    {
        var (action, fields) = FormOf(page, selector, values, submitterName);
        return await Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The address and the fields the form matched by <paramref name="selector"/> would post, with <paramref name="values"/> overriding.</summary>
    public (string Action, List<KeyValuePair<string, string>> Fields) FormOf(IHtmlDocument page, string selector, Dictionary<string, string[]>? values = null, string? submitterName = null)
    {
        var form = page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form matches '{selector}'.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    if (input.Type is "submit" or "button" or "reset") break;
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    foreach (var option in select.Options.Where(o => o.IsSelected)) fields.Add(new(select.Name!, option.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !area.IsDisabled:
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlButtonElement button when submitterName is not null && button.Name == submitterName:
                    fields.Add(new(button.Name!, button.Value));
                    break;
            }
        }
        if (values is not null)
        {
            foreach (var (name, vals) in values)
            {
                fields.RemoveAll(f => f.Key == name);
                fields.AddRange(vals.Select(v => new KeyValuePair<string, string>(name, v)));
            }
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? Client.BaseAddress!.ToString() : form.GetAttribute("action")!;
        return (action, fields);
    }
}
