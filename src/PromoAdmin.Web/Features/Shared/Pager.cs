using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace PromoAdmin.Web.Features.Shared;

/// <summary>Links to other pages of a list, keeping every other query-string value (filters live in the URL).</summary>
public sealed record Pager(int Page, int PageSize, int Total, HttpRequest Request)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string Link(int page)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value);
        var builder = new QueryBuilder();
        foreach (var (k, values) in query)
        {
            if (string.Equals(k, "page", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var v in values) builder.Add(k, v ?? "");
        }
        builder.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return Request.Path + builder.ToQueryString().Value;
    }
}
