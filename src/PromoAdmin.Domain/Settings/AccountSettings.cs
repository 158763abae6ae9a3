using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Settings;

/// <summary>
/// The organisation's settings: one row, first written at start-up from configuration (<c>Account:CreditsEnabled</c>,
/// <c>Account:Currency</c>), then changed by an Admin on the Account settings page or <c>PUT /api/v1/settings</c>.
/// </summary>
public class AccountSettings
{
    public int Id { get; set; }
    public bool CreditsEnabled { get; set; } = true;
    /// <summary>ISO 4217 code; every amount of money is shown in it.</summary>
    public string Currency { get; set; } = "USD";

    // What customer service may give away (docs/rules.md#customer-service-limits).
    public decimal ServiceMaxPercent { get; set; } = 25;
    public decimal ServiceMaxAmount { get; set; } = 50;
    public int ServiceMaxCodes { get; set; } = 500;
    public int ServiceMaxUsesPerCode { get; set; } = 1;
    public int ServiceMaxPurchaseEndDays { get; set; } = 90;

    /// <summary>Where an order number links to, with <c>{orderNumber}</c> in it (<see cref="OrderLink"/>); null is no link.</summary>
    public string? OrderLinkTemplate { get; set; }
}

internal sealed class AccountSettingsConfiguration : IEntityTypeConfiguration<AccountSettings>
{
    public void Configure(EntityTypeBuilder<AccountSettings> b)
    {
        // The migration that added the limits gave the existing row these defaults.
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.ServiceMaxPercent).HasPrecision(18, 2);
        b.Property(x => x.ServiceMaxAmount).HasPrecision(18, 2);
        b.Property(x => x.OrderLinkTemplate).HasMaxLength(OrderLink.MaxLength);
    }
}
