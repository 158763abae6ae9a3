namespace PromoAdmin.Domain.Common;

/// <summary>Bad input: one or more messages per field. Nothing was saved.</summary>
public sealed class DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public DomainValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    public static DomainValidationException From(FluentValidation.Results.ValidationResult result) =>
        new(result.Errors
            .GroupBy(e => ToCamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    /// <summary>"PurchaseEnd" → "purchaseEnd", "Lines[0].ItemKey" → "lines[0].itemKey": the JSON names clients send.</summary>
    public static string ToCamelPath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

public sealed class NotFoundException(string what) : Exception(what);

/// <summary>The caller may see the resource but not change it from where it acts (e.g. another location's code).</summary>
public sealed class ForbiddenActionException(string message) : Exception(message);

public static class Validation
{
    /// <summary>Runs a FluentValidation validator and throws <see cref="DomainValidationException"/> when it fails.</summary>
    public static async Task EnsureValidAsync<T>(this FluentValidation.IValidator<T> validator, T input, CancellationToken ct = default)
    {
        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid) throw DomainValidationException.From(result);
    }
}
