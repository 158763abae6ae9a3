using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Redemptions;

internal sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> b)
    {
        b.Property(x => x.CodeText).HasMaxLength(64);
        b.Property(x => x.OrderNumber).HasMaxLength(100);
        b.Property(x => x.CustomerKey).HasMaxLength(100);
        b.Property(x => x.CustomerName).HasMaxLength(200);
        b.Property(x => x.CustomerEmail).HasMaxLength(256);
        b.Property(x => x.CustomerPhone).HasMaxLength(40);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Channel).HasMaxLength(RedemptionChannels.MaxLength).HasDefaultValue(RedemptionChannels.Online);
        // Redemptions outlive their code (deleted batches keep their records).
        b.HasOne<PromoCode>().WithMany().HasForeignKey(x => x.PromoCodeId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.PromoCodeId, x.RedeemedAt });
        b.HasIndex(x => x.OrderNumber);
        b.HasIndex(x => x.CustomerKey);
        b.HasIndex(x => x.CodeText);
        // Uses per customer: one customer's redemptions of one code since a period began.
        b.HasIndex(x => new { x.PromoCodeId, x.CustomerKey, x.RedeemedAt });
        // No foreign key to Campaigns: a plain column keeps SQLite from rebuilding the table, and a void of a redemption whose
        // campaign is gone simply gives nothing back.
        b.HasIndex(x => x.CampaignId);
        // The reports and the Redemptions page's days (docs/benchmarks.md, "reports"): a location's days, every column they
        // filter, count or sum in the index.
        b.HasIndex(x => new { x.LocationId, x.Day, x.Status, x.PromoCodeId, x.CampaignId, x.GroupId, x.BatchId, x.Discount }, "IX_Redemptions_Reports");
    }
}

internal sealed class AccountCodeUseConfiguration : IEntityTypeConfiguration<AccountCodeUse>
{
    public void Configure(EntityTypeBuilder<AccountCodeUse> b)
    {
        b.Property(x => x.CustomerKey).HasMaxLength(100);
        b.HasOne<PromoCode>().WithMany().HasForeignKey(x => x.PromoCodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Redemption>().WithMany().HasForeignKey(x => x.RedemptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PromoCodeId, x.CustomerKey }).IsUnique();
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.HasIndex(x => new { x.ApiClientId, x.Key }).IsUnique();
        b.HasIndex(x => x.CreatedAt);
    }
}
