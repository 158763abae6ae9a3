using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Batches;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>
/// Batch codes never clash with codes available at all locations, nor, when the batch is itself for all locations, with
/// any location's codes. On the app of the tests that make all-locations codes; this class alone queues jobs there.
/// </summary>
public sealed class AllLocationsBatchTests(AllLocationsApp factory)
{
    [Fact]
    public async Task Codes_never_clash_with_existing_codes_of_the_location_or_with_all_locations_codes_checked_in_the_database()
    {
        var w = await factory.WorldAsync();
        // A crowded space: 4-character codes, a fifth of them already taken at home, and every code starting with Z taken
        // by an all-locations code of the other location. Codes of the other location that are not all-locations are fair game.
        var alphabet = CodeGenerator.Alphabet;
        var taken = (from a in alphabet[..6] from b in alphabet from c in alphabet from d in alphabet select $"{a}{b}{c}{d}").ToList();
        var allLocations = (from b in alphabet from c in alphabet from d in alphabet select $"Z{b}{c}{d}").ToList();
        var elsewhere = (from b in alphabet from c in alphabet from d in alphabet select $"Y{b}{c}{d}").ToList();
        await factory.InsertCodesAsync(w.HomeId, taken);
        await factory.InsertCodesAsync(w.AwayId, allLocations, allLocations: true);
        await factory.InsertCodesAsync(w.AwayId, elsewhere);

        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Crowded " + w.Tag, method = "count", count = 10_000, codeLength = 4 });
        await BatchKit.Runner(factory, chunkSize: 3_000).RunPendingJobsAsync();

        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.BatchId == id).Select(c => c.NormalizedCode).ToListAsync();
        Assert.Equal(10_000, codes.Count);
        Assert.Equal(10_000, codes.Distinct().Count());
        Assert.DoesNotContain(codes, c => alphabet[..6].Contains(c[0]));
        Assert.DoesNotContain(codes, c => c[0] == 'Z');
        Assert.Contains(codes, c => c[0] == 'Y');
        Assert.Equal("ready", (await BatchKit.BatchAsync(factory, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_all_locations_batch_avoids_every_code_of_every_location()
    {
        var w = await factory.WorldAsync();
        var alphabet = CodeGenerator.Alphabet;
        // Every 4-character code starting with A or B exists at the other location (not all-locations).
        await factory.InsertCodesAsync(w.AwayId, from a in alphabet[..2] from b in alphabet from c in alphabet from d in alphabet select $"{a}{b}{c}{d}");
        var id = await BatchKit.GenerateAsync(factory, new { locationKey = w.Home, name = "Everywhere " + w.Tag, method = "count", count = 5_000, codeLength = 4, settings = new { allLocations = true } });
        await BatchKit.Runner(factory).RunPendingJobsAsync();
        await using var check = factory.Db();
        var codes = await check.Context.PromoCodes.AsNoTracking().Where(c => c.BatchId == id).Select(c => new { c.NormalizedCode, c.AllLocations }).ToListAsync();
        Assert.Equal(5_000, codes.Count);
        Assert.All(codes, c => Assert.True(c.AllLocations));
        Assert.DoesNotContain(codes, c => alphabet[..2].Contains(c.NormalizedCode[0]));
    }
}
