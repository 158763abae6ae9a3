namespace PromoAdmin.Domain.Customers;

/// <summary>A shopper's account as the checkout knows it.</summary>
public class Customer
{
    public int Id { get; set; }
    /// <summary>The checkout's account id.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public class Segment
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<SegmentMember> Members { get; set; } = [];
}

public class SegmentMember
{
    public int SegmentId { get; set; }
    public int CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;
}
