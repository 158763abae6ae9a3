namespace PromoAdmin.Domain.Locations;

/// <summary>A location of the account: owns promo codes; its time zone reads their dates and times.</summary>
public class Location
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    /// <summary>IANA zone, e.g. America/New_York.</summary>
    public required string TimeZone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
