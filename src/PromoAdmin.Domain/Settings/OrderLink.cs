namespace PromoAdmin.Domain.Settings;

/// <summary>
/// The account's order link template (docs/rules.md#account-settings): an absolute http(s) address holding
/// <see cref="Placeholder"/>, where a redemption's order number links to the shop's own order page.
/// </summary>
public static class OrderLink
{
    public const string Placeholder = "{orderNumber}";
    public const int MaxLength = 500;

    /// <summary>Why a template is refused, or null when it is usable; empty means no link and is always accepted.</summary>
    public static string? Problem(string? template)
    {
        if (string.IsNullOrWhiteSpace(template)) return null;
        if (template.Length > MaxLength) return $"The order link template can be at most {MaxLength} characters.";
        if (!template.Contains(Placeholder, StringComparison.Ordinal))
            return $"The order link template must contain {Placeholder}, where the order number goes.";
        // Checked with a sample number in place, as the braces themselves are not valid in an address.
        if (!Uri.TryCreate(template.Replace(Placeholder, "1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            return "The order link template must be an absolute http or https address, such as https://shop.example/orders/{orderNumber}.";
        return null;
    }

    /// <summary>The template with the order number in place, escaped so a space or a slash stays part of the number; null without a template.</summary>
    public static string? For(string? template, string? orderNumber) =>
        string.IsNullOrWhiteSpace(template) || string.IsNullOrEmpty(orderNumber) ? null
            : template.Replace(Placeholder, Uri.EscapeDataString(orderNumber), StringComparison.Ordinal);
}
