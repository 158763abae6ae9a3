namespace PromoAdmin.Domain.Groups;

/// <summary>A reusable template that organises codes and can pre-fill new ones with default settings.</summary>
public class PromoCodeGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>Any subset of the code fields as JSON (the API's <c>defaults</c> object); null when none are set.</summary>
    public string? DefaultsJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool HasDefaultSettings => !string.IsNullOrEmpty(DefaultsJson) && DefaultsJson != "{}";
}
