using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Settings;

/// <summary>The organisation's settings: one row, seeded from configuration, editable by an Admin.</summary>
public class AccountSettings
{
    public int Id { get; set; }
    public bool CreditsEnabled { get; set; } = true;
    public string Currency { get; set; } = "USD";
}

internal sealed class AccountSettingsConfiguration : IEntityTypeConfiguration<AccountSettings>
{
    public void Configure(EntityTypeBuilder<AccountSettings> b)
    {
        b.Property(x => x.Currency).HasMaxLength(3);
    }
}
