using System.Linq.Expressions;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Common;

/// <summary>
/// The search boxes' "contains, ignoring case" over some text fields. SQL Server's collation already ignores case, so the
/// fields are compared as they are; SQLite compares bytes, so both sides are lower-cased there.
/// </summary>
public static class TextSearch
{
    public static IQueryable<T> WhereAnyContains<T>(this IQueryable<T> query, PromoAdminDbContext db, string? search, params Expression<Func<T, string?>>[] fields)
    {
        if (string.IsNullOrWhiteSpace(search)) return query;
        var text = search.Trim();
        if (db.IsSqlite) text = text.ToLowerInvariant();
        var item = Expression.Parameter(typeof(T), "x");
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var toLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        Expression? any = null;
        foreach (var field in fields)
        {
            Expression value = new Replace(field.Parameters[0], item).Visit(field.Body);
            if (db.IsSqlite) value = Expression.Call(value, toLower);
            // x.Field != null && x.Field.Contains(text)
            Expression test = Expression.AndAlso(
                Expression.NotEqual(new Replace(field.Parameters[0], item).Visit(field.Body), Expression.Constant(null, typeof(string))),
                Expression.Call(value, contains, Expression.Constant(text)));
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return any is null ? query : query.Where(Expression.Lambda<Func<T, bool>>(any, item));
    }

    private sealed class Replace(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
