namespace PromoAdmin.Domain.PromoCodes;

/// <summary>A promo code as the API returns it: every input field plus what the system keeps.</summary>
public sealed record PromoCodeDetails : PromoCodeInput
{
    public int Id { get; init; }
    public string? LocationName { get; init; }
    public int TimesUsed { get; init; }
    public bool Archived { get; init; }
    public int? BatchId { get; init; }
    public string? AssignedCustomerKey { get; init; }
    /// <summary>Where the code stands today (<see cref="PromoCodeStatus"/>): set on every code the API answers; the audit trail leaves it out.</summary>
    public CodeStatus? Status { get; init; }
    /// <summary>
    /// Set on a code of a batch whose batch-level switch is on (docs/rules.md#batches): <c>enabled</c> and
    /// <see cref="Archived"/> stay the code's own, which a write sends back; these say why its status reads otherwise.
    /// </summary>
    public bool? BatchDisabled { get; init; }
    public bool? BatchArchived { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
