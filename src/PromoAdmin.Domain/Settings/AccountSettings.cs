using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Settings;

/// <summary>The organisation's settings: one row, written once at start-up from configuration (<c>Account:CreditsEnabled</c>, <c>Account:Currency</c>).</summary>
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
