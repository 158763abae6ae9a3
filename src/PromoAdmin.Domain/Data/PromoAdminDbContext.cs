using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Domain.Users;

namespace PromoAdmin.Domain.Data;

public class PromoAdminDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public PromoAdminDbContext(DbContextOptions<PromoAdminDbContext> options) : base(options)
    {
        // Every code has its inventory row (queries join it): a code added without one gets the default, unlimited and unused.
        // Done as the code is added, not by a scan of the tracked entities on every save.
        ChangeTracker.Tracked += (_, e) =>
        {
            if (!e.FromQuery && e.Entry.Entity is PromoCode { Inventory: null } code) code.Inventory = new PromoCodeInventory();
        };
        // A batch code added through EF Core (a clone, a batch's first code) is written for searching with it (BatchCodeText).
        // Read from the tracked entries at each save, not remembered as they are added: a pooled context keeps no leftovers
        // of a request that never saved.
        SavingChanges += (_, _) =>
        {
            // Entries() detects changes itself (and SaveChanges again after this): no call of its own.
            var added = ChangeTracker.Entries<PromoCode>().Where(e => e.State == EntityState.Added && e.Entity.BatchId is not null)
                .Select(e => (BatchId: e.Entity.BatchId!.Value, e.Entity.NormalizedCode)).ToList();
            foreach (var batch in added.GroupBy(c => c.BatchId))
                BatchCodeTexts.AddRange(BatchCodeText.For(batch.Key, batch.Select(c => c.NormalizedCode)));
        };
    }

    public DbSet<Location> Locations => Set<Location>();
    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();
    public DbSet<VariantTargetingGroup> VariantTargetingGroups => Set<VariantTargetingGroup>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentMember> SegmentMembers => Set<SegmentMember>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Lookup> Lookups => Set<Lookup>();
    public DbSet<PromoCodeGroup> PromoCodeGroups => Set<PromoCodeGroup>();
    public DbSet<PromoCode> PromoCodes => Set<PromoCode>();
    public DbSet<PromoCodeInventory> PromoCodeInventory => Set<PromoCodeInventory>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<BatchJob> BatchJobs => Set<BatchJob>();
    public DbSet<BatchCodeText> BatchCodeTexts => Set<BatchCodeText>();
    public DbSet<Reports.ValidationCount> ValidationCounts => Set<Reports.ValidationCount>();
    public DbSet<Redemption> Redemptions => Set<Redemption>();
    public DbSet<AccountCodeUse> AccountCodeUses => Set<AccountCodeUse>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<AccountSettings> AccountSettings => Set<AccountSettings>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<UserLocation> UserLocations => Set<UserLocation>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    /// <summary>SQL Server's byte-for-byte collation for keys that must match exactly.</summary>
    public const string BinaryCollation = "Latin1_General_100_BIN2";

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PromoAdminDbContext).Assembly);
        // The list's other half, all-locations codes of other locations, are few: a partial index finds them without
        // reading the rest. Its condition must read exactly as each provider's SQL for the boolean test does.
        builder.Entity<PromoCode>().HasIndex(x => new { x.IsArchived, x.LocationId }, "IX_PromoCodes_AllLocations_List")
            .HasFilter(IsSqlite ? "\"AllLocations\"" : "[AllLocations] = CAST(1 AS bit)");
        // Hand-made codes, the list's default source, are few beside a batch's million: found without reading batch codes.
        builder.Entity<PromoCode>().HasIndex(x => new { x.LocationId, x.IsArchived, x.Id }, "IX_PromoCodes_Manual_List")
            .HasFilter(IsSqlite ? "\"BatchId\" IS NULL" : "[BatchId] IS NULL");
        if (!IsSqlite)
        {
            // SQL Server's default collation ignores case and trailing spaces: "abc", "ABC" and "abc " would be one
            // Idempotency-Key, and "Alice" and "alice" one account. Keys are compared byte for byte, as on SQLite (a binary
            // collation still pads trailing spaces, but none arrive: header values and customer keys are trimmed).
            builder.Entity<Redemptions.IdempotencyRecord>().Property(x => x.Key).UseCollation(BinaryCollation);
            builder.Entity<Redemptions.AccountCodeUse>().Property(x => x.CustomerKey).UseCollation(BinaryCollation);
        }
        if (IsSqlite)
        {
            // Most batch codes have no campaign, group or variant group, and only segment batches assign customers: on SQLite,
            // where a batch's million rows go in at once, these indexes skip the NULLs (a sorted 1M-row insert without any of
            // the four: 3.1 s → 2.0 s; a batch with a group still pays for its group index).
            // Look-ups by a value (a foreign key's cascade, a group's codes) still use them: "x = ?" implies "x IS NOT NULL".
            var codes = builder.Entity<PromoCode>();
            codes.HasIndex(x => x.CampaignId).HasFilter("\"CampaignId\" IS NOT NULL");
            codes.HasIndex(x => x.AssignedCustomerId).HasFilter("\"AssignedCustomerId\" IS NOT NULL");
            codes.HasIndex(x => x.VariantTargetingGroupId).HasFilter("\"VariantTargetingGroupId\" IS NOT NULL");
            codes.HasIndex(x => new { x.GroupId, x.IsArchived, x.LocationId, x.Id, x.BatchId }).HasFilter("\"GroupId\" IS NOT NULL");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        var builder = configurationBuilder;
        if (IsSqlite)
        {
            // SQLite has no decimal: money and percentages are kept as whole hundredths, so the
            // database itself can compare and sort them.
            builder.Properties<decimal>().HaveConversion<HundredthsConverter>();
            // DateTimeOffset as text does not sort across offsets; everything is stored in UTC ticks.
            builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            builder.Properties<decimal>().HavePrecision(18, 2);
        }
    }
}
