namespace PromoAdmin.Domain.Redemptions;

public enum RedemptionStatus { Applied, Voided }

/// <summary>Where an order was placed: the checkout request's <c>channel</c> (docs/api.md#checkout), kept as sent.</summary>
public static class RedemptionChannels
{
    public const string Online = "online";
    public const string Internal = "internal";
    public const int MaxLength = 16;
}

/// <summary>One use of a code on an order. Outlives the code: it keeps the code text and a customer snapshot.</summary>
public class Redemption
{
    public long Id { get; set; }
    public int? PromoCodeId { get; set; }
    public required string CodeText { get; set; }
    public int LocationId { get; set; }
    public required string OrderNumber { get; set; }
    public string? CustomerKey { get; set; }
    public string? CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public decimal Discount { get; set; }
    public decimal ShippingDiscount { get; set; }
    public decimal CreditFromOverage { get; set; }
    public RedemptionStatus Status { get; set; }
    public DateTimeOffset RedeemedAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    /// <summary>The API client that redeemed it: only that client (or an admin key) may void it.</summary>
    public int? ApiClientId { get; set; }
    /// <summary>The campaign whose budget the redemption used (its code's campaign then); a void gives it back there.</summary>
    public int? CampaignId { get; set; }
    /// <summary><see cref="RedemptionChannels.Online"/> or <see cref="RedemptionChannels.Internal"/>; redemptions from before it was kept read online.</summary>
    public string Channel { get; set; } = RedemptionChannels.Online;
    /// <summary>The location's calendar day when it was redeemed: what the reports count by (docs/rules.md#reports).</summary>
    public DateOnly? Day { get; set; }
    /// <summary>The code's group and batch then, kept with it for the reports (a code moved later keeps its past where it was).</summary>
    public int? GroupId { get; set; }
    public int? BatchId { get; set; }

    /// <summary>Everything it gave: what a campaign budget counts.</summary>
    public decimal Given => Discount + ShippingDiscount + CreditFromOverage;
}

/// <summary>Marks a one-use-per-account code as used by an account; the unique index makes the second use fail.</summary>
public class AccountCodeUse
{
    public long Id { get; set; }
    public int PromoCodeId { get; set; }
    public required string CustomerKey { get; set; }
    public long RedemptionId { get; set; }
}

/// <summary>The first answer to a request with an Idempotency-Key, replayed to retries.</summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    public int ApiClientId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ResponseJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// While the answer is pending, the request working on it owns the key until then; a retry after it takes the key
    /// over. The owner's own value fences its writes: an owner whose lease was taken over cannot complete.
    /// </summary>
    public DateTimeOffset LeaseUntil { get; set; }
}
