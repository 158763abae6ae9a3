using Microsoft.EntityFrameworkCore;

namespace PromoAdmin.Domain.Common;

/// <summary>One page of a list, with the total that matched (docs/rules.md#lists).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), PageNumber, PageSize, Total);
}

public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.PageDefault)
{
    public const int MaxPageSize = 500;
    /// <summary>Rows per page on a page of the app.</summary>
    public const int PageDefault = 25;
    /// <summary>Items per page in the API.</summary>
    public const int ApiDefault = 50;

    public int SafePage => Math.Max(1, Page);
    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

public static class PagingExtensions
{
    /// <summary>Counts and fetches one page in the database; the query must already be ordered.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest request, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip((request.SafePage - 1) * request.SafePageSize).Take(request.SafePageSize).ToListAsync(ct);
        return new Page<T>(items, request.SafePage, request.SafePageSize, total);
    }
}
