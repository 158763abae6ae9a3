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
        // Checked with sample numbers in place, as the braces themselves are not valid in an address.
        if (!Uri.TryCreate(template.Replace(Placeholder, "1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            return "The order link template must be an absolute http or https address, such as https://shop.example/orders/{orderNumber}.";
        // The number goes after the host: with it in the host name, an order number such as "evil.example" would send the
        // link to another site.
        if (!Uri.TryCreate(template.Replace(Placeholder, "other.example", StringComparison.Ordinal), UriKind.Absolute, out var other)
            || other.Scheme != uri.Scheme || other.Host != uri.Host || other.Port != uri.Port)
            return "The order number must come after the shop's address, such as https://shop.example/orders/{orderNumber}, not in its name.";
        return null;
    }

    /// <summary>The template with the order number in place, escaped so a space or a slash stays part of the number; null without a template.</summary>
    public static string? For(string? template, string? orderNumber) =>
        string.IsNullOrWhiteSpace(template) || string.IsNullOrEmpty(orderNumber) || Problem(template) is not null ? null
            : template.Replace(Placeholder, Uri.EscapeDataString(orderNumber), StringComparison.Ordinal);
}
