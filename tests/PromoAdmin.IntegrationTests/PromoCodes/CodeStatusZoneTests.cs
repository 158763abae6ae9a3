using Microsoft.Extensions.Time.Testing;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.PromoCodes;

/// <summary>
/// Expired and scheduled read "today" in each code's own location's zone, in the list's filter (run by the database), the
/// API's field and the CSV alike. On the all-locations app: the list holds other locations' shared codes, the case in point.
/// </summary>
public sealed class CodeStatusZoneTests(AllLocationsApp factory)
{
    /// <summary>14:00 UTC on 10 March 2026: the 10th in New York and London, already the 11th in Sydney (UTC+11).</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Tenth = new(2026, 3, 10), Eleventh = new(2026, 3, 11);

    [Fact]
    public async Task Each_code_is_read_on_its_own_locations_date()
    {
        var w = await factory.WorldAsync(); // home in New York, away in London
        int sydney;
        await using (var setup = factory.Db())
        {
            var location = new Location { Key = $"sydney-{w.Tag}", Name = $"Sydney {w.Tag}", TimeZone = "Australia/Sydney" };
            setup.Context.Locations.Add(location);
            await setup.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
            sydney = location.Id;
        }
        // Code texts start with the tag: the list is read filtered by it, other tests' shared codes left out.
        var tag = w.Tag.ToUpperInvariant();
        await factory.AddCodeAsync(w.HomeId, tag + "HOMEENDS", c => c.PurchaseEnd = Tenth);
        await factory.AddCodeAsync(w.HomeId, tag + "HOMESTARTS", c => c.PurchaseStart = Eleventh);
        await factory.AddCodeAsync(sydney, tag + "SYDNEYENDED", c => (c.PurchaseEnd, c.AllLocations) = (Tenth, true));
        await factory.AddCodeAsync(sydney, tag + "SYDNEYSTARTED", c => (c.PurchaseStart, c.AllLocations) = (Eleventh, true));
        await factory.AddCodeAsync(w.AwayId, tag + "LONDONENDS", c => (c.PurchaseEnd, c.AllLocations) = (Tenth, true));

        await using var scope = factory.Db();
        var codes = ActivatorUtilities.CreateInstance<PromoCodeService>(scope.Services, (TimeProvider)new FakeTimeProvider(Now));
        async Task<string[]> ListAsync(CodeStatus? status) =>
            [.. (await codes.ListAsync(new PromoCodeFilter(w.HomeId, Code: tag, Status: status), new PageRequest(1, 50))).Items.Select(c => c.Code[tag.Length..]).Order()];

        Assert.Equal(["HOMEENDS", "HOMESTARTS", "LONDONENDS", "SYDNEYENDED", "SYDNEYSTARTED"], await ListAsync(null));
        // New York's own date would call Sydney's code active and its other code scheduled: each reads on its own date.
        Assert.Equal(["SYDNEYENDED"], await ListAsync(CodeStatus.Expired));
        Assert.Equal(["HOMESTARTS"], await ListAsync(CodeStatus.Scheduled));
        Assert.Equal(["HOMEENDS", "LONDONENDS", "SYDNEYSTARTED"], await ListAsync(CodeStatus.Active));

        var expected = new Dictionary<string, CodeStatus>
        {
            ["HOMEENDS"] = CodeStatus.Active, ["HOMESTARTS"] = CodeStatus.Scheduled, ["LONDONENDS"] = CodeStatus.Active,
            ["SYDNEYENDED"] = CodeStatus.Expired, ["SYDNEYSTARTED"] = CodeStatus.Active,
        };
        var details = await codes.DetailsAsync(await codes.ListAsync(new PromoCodeFilter(w.HomeId, Code: tag), new PageRequest(1, 50)));
        Assert.Equal(expected, details.Items.ToDictionary(d => d.Code![tag.Length..], d => d.Status!.Value));
        var rows = new Dictionary<string, CodeStatus>();
        await foreach (var row in await codes.ExportRowsAsync(new PromoCodeFilter(w.HomeId, Code: tag)))
            rows[row.Code[tag.Length..]] = row.Status;
        Assert.Equal(expected, rows);
    }
}
