using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Lookups;

namespace PromoAdmin.Domain.PromoCodes;

internal sealed class PromoCodeConfiguration : IEntityTypeConfiguration<PromoCode>
{
    // Enum names, not numbers, so that the stored rules read the same as the API (numbers are still accepted).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Configure(EntityTypeBuilder<PromoCode> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.NormalizedCode).HasMaxLength(64);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Display).HasMaxLength(500);
        b.Property(x => x.RedemptionType).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ValueType).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.OfferType).HasMaxLength(200);
        b.Property(x => x.PnlAllocation).HasMaxLength(200);
        b.Property(x => x.TransactionType).HasMaxLength(200);
        b.PrimitiveCollection(x => x.ApplicableTo);
        b.PrimitiveCollection(x => x.ExclusionDates);
        b.PrimitiveCollection(x => x.ApplicableGroups);
        b.PrimitiveCollection(x => x.ExcludedItems);
        b.PrimitiveCollection(x => x.ExcludedGroups);
        b.Property(x => x.UsesPerCustomerPeriod).HasConversion<string>().HasMaxLength(8);
        // Rules are read whole with their code and never queried inside: one JSON column.
        b.Property(x => x.EligibilityRules)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<EligibilityRule>>(v, Json) ?? new List<EligibilityRule>(),
                new ValueComparer<List<EligibilityRule>>(
                    (a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
                    v => JsonSerializer.Serialize(v, Json).GetHashCode(),
                    v => JsonSerializer.Deserialize<List<EligibilityRule>>(JsonSerializer.Serialize(v, Json), Json)!));

        b.HasOne(x => x.Location).WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(x => x.Batch).WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(x => x.AssignedCustomer).WithMany().HasForeignKey(x => x.AssignedCustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Inventory).WithOne().HasForeignKey<PromoCodeInventory>(i => i.PromoCodeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Inventory).IsRequired().AutoInclude();
        b.HasOne<VariantTargetingGroup>().WithMany().HasForeignKey(x => x.VariantTargetingGroupId).OnDelete(DeleteBehavior.SetNull);

        // Uniqueness per location on the normalised form; racing creates cannot both win.
        b.HasIndex(x => new { x.LocationId, x.NormalizedCode }).IsUnique();
        // Look-up of all-locations codes from other locations at checkout.
        b.HasIndex(x => new { x.NormalizedCode, x.AllLocations });
        // The list: tab, then newest first. BatchId last: once a batch of the location is switched off (docs/rules.md#batches)
        // the tab leaves its codes out by batch id, and reads that from the index instead of from each code's row.
        b.HasIndex(x => new { x.LocationId, x.IsArchived, x.Id, x.BatchId });
        // A group's codes (its foreign key) and the list filtered by group: a seek on group, tab and location, read from the
        // index alone (count, and BatchId as above); Id keeps a group's entries newest first for the page without a sort.
        // On SQLite it holds only codes with a group (PromoAdminDbContext).
        b.HasIndex(x => new { x.GroupId, x.IsArchived, x.LocationId, x.Id, x.BatchId });
        // A batch's codes in id order (its foreign key, the batch page and its search, its CSV, the list narrowed to a batch):
        // counted, searched and paged from the index alone.
        b.HasIndex(x => new { x.BatchId, x.Id, x.IsArchived, x.LocationId, x.NormalizedCode });
        // No index for the list sorted by amount or last update: a batch's settings rewrite both on every code, and with them a
        // million-code batch's settings took 4-7 s instead of 1.5 s (docs/benchmarks.md, "the list at scale").
    }
}

internal sealed class PromoCodeInventoryConfiguration : IEntityTypeConfiguration<PromoCodeInventory>
{
    public void Configure(EntityTypeBuilder<PromoCodeInventory> b)
    {
        b.ToTable("PromoCodeInventory");
        b.HasKey(x => x.PromoCodeId);
        // The code's own id: never generated here.
        b.Property(x => x.PromoCodeId).ValueGeneratedNever();
    }
}
