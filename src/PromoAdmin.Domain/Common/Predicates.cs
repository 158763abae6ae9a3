using System.Linq.Expressions;

namespace PromoAdmin.Domain.Common;

/// <summary>Joins query predicates into one that EF Core translates (one lambda parameter, no invocations).</summary>
public static class Predicates
{
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(a.Body, Inline(b, a.Parameters[0])), a.Parameters);

    public static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(a.Body, Inline(b, a.Parameters[0])), a.Parameters);

    /// <summary>The body of <paramref name="lambda"/> with its parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression argument) => new Replace(lambda.Parameters[0], argument).Visit(lambda.Body);

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
