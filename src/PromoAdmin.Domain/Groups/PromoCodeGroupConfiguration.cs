using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Groups;

internal sealed class PromoCodeGroupConfiguration : IEntityTypeConfiguration<PromoCodeGroup>
{
    public void Configure(EntityTypeBuilder<PromoCodeGroup> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.HasIndex(x => x.Name).IsUnique();
        b.Ignore(x => x.HasDefaultSettings);
    }
}
