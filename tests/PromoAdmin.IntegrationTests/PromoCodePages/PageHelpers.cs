using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>Reading the promo code pages the way a browser without JavaScript sees them.</summary>
internal static class PageHelpers
{
    public const string SaveForm = "form[action='/promo-codes/save']";

    /// <summary>A signed-in admin working at <paramref name="locationKey"/> (the header's location cookie).</summary>
    public static async Task<WebSession> AdminAtAsync(PromoAdminFactory factory, string locationKey)
    {
        var session = await WebSession.SignedInAsync(factory);
        session.Cookies.Add(new Uri("http://localhost"), new Cookie(CurrentLocation.CookieName, locationKey));
        return session;
    }

    public static IElement Row(IHtmlDocument page, string code) =>
        page.QuerySelectorAll("table.promo-table tbody tr").SingleOrDefault(r => r.GetAttribute("data-code") == code)
        ?? throw new Xunit.Sdk.XunitException($"No row for {code}. Page: {page.QuerySelector("main")?.TextContent}");

    public static bool HasRow(IHtmlDocument page, string code) =>
        page.QuerySelectorAll("table.promo-table tbody tr").Any(r => r.GetAttribute("data-code") == code);

    public static string Cell(IElement row, int column) => row.QuerySelectorAll("td")[column].TextContent.Trim();

    public static string FieldError(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public static string Success(IHtmlDocument page) => page.QuerySelector(".alert-success")?.TextContent.Trim() ?? "";

    public static string Error(IHtmlDocument page) => page.QuerySelector("main .alert-danger")?.TextContent.Trim() ?? "";

    public static string TotalResults(IHtmlDocument page) => page.QuerySelector("[data-testid=total-results]")!.TextContent.Trim();

    /// <summary>The links and buttons of a row's three-dot menu, by their text.</summary>
    public static List<string> RowActions(IElement row) =>
        row.QuerySelectorAll(".row-menu-panel a, .row-menu-panel button").Select(e => e.TextContent.Trim()).ToList();

    public static string ActionLink(IElement row, string text) =>
        row.QuerySelectorAll(".row-menu-panel a").Single(a => a.TextContent.Trim() == text).GetAttribute("href")!;

    public static string Value(IHtmlDocument page, string name) =>
        page.QuerySelector($"[name='{name}']") switch
        {
            IHtmlInputElement i => i.Value ?? "",
            IHtmlSelectElement s => s.Value ?? "",
            IHtmlTextAreaElement t => t.Value ?? "",
            _ => throw new Xunit.Sdk.XunitException($"No input named {name}."),
        };

    public static List<string> Checked(IHtmlDocument page, string name) =>
        page.QuerySelectorAll($"input[name='{name}']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value).ToList();
}
