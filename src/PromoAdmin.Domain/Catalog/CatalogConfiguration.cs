using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Catalog;

internal sealed class CatalogItemConfiguration : IEntityTypeConfiguration<CatalogItem>
{
    public void Configure(EntityTypeBuilder<CatalogItem> b)
    {
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.Name);
    }
}

internal sealed class VariantTargetingGroupConfiguration : IEntityTypeConfiguration<VariantTargetingGroup>
{
    public void Configure(EntityTypeBuilder<VariantTargetingGroup> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Key).HasMaxLength(100);
        b.HasIndex(x => x.Key).IsUnique();
    }
}
