using PromoAdmin.Domain.Common;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>The API's list shape: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class ListResponse
{
    public static ListResponse<TOut> From<TIn, TOut>(Page<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.PageNumber, page.PageSize, page.Total);
}
