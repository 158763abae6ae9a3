using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Batches;

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.SegmentName).HasMaxLength(200);
        b.Property(x => x.Prefix).HasMaxLength(20);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.FailureReason).HasMaxLength(1000);
        b.HasOne(x => x.Location).WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Segment).WithMany().HasForeignKey(x => x.SegmentId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.LocationId, x.CreatedAt });
        b.HasIndex(x => x.Name);
        b.HasIndex(x => x.SegmentName);
    }
}

internal sealed class BatchJobConfiguration : IEntityTypeConfiguration<BatchJob>
{
    public void Configure(EntityTypeBuilder<BatchJob> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.LeaseOwner).HasMaxLength(200);
        b.HasOne<Batch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.BatchId).IsUnique();
        b.HasIndex(x => x.Status);
    }
}

internal sealed class BatchCodeTextConfiguration : IEntityTypeConfiguration<BatchCodeText>
{
    public void Configure(EntityTypeBuilder<BatchCodeText> b)
    {
        b.HasOne<Batch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.BatchId);
    }
}
