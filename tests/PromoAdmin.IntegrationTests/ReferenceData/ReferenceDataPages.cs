using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace PromoAdmin.IntegrationTests.ReferenceData;

/// <summary>Reading the reference data pages (catalog, customers, campaigns) the way a browser without JavaScript sees them.</summary>
internal static class ReferenceDataPages
{
    /// <summary>Tests share one database: every key and name carries this test's own suffix.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    public static IElement RowWith(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("table tbody tr").SingleOrDefault(r => r.TextContent.Contains(text))
        ?? throw new Xunit.Sdk.XunitException($"No row contains '{text}'.");

    public static string EditLink(IHtmlDocument page, string rowText) =>
        RowWith(page, rowText).QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Edit").GetAttribute("href")!;

    public static string FieldError(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public static string ActiveNav(IHtmlDocument page) =>
        page.QuerySelector("nav[aria-label=Main] a.active")?.TextContent.Trim() ?? "";
}
