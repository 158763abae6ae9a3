using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Reports;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

/// <summary>
/// The checkout's outcomes counted per location, day, outcome and code (docs/rules.md#reports): counted in memory on the
/// request, added to the database by the writer, adding up across instances and written when the app stops.
/// </summary>
public sealed class ValidationCountTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpStatusCode> CheckoutAsync(TestWorld w, string action, string code, string? order = null)
    {
        var response = await factory.ApiClient().PostAsJsonAsync($"/api/v1/checkout/{action}", new
        {
            code, locationKey = w.Home, orderNumber = order,
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
        }, Ct);
        return response.StatusCode;
    }

    private async Task<Dictionary<(string Outcome, int CodeId), long>> CountsAsync(TestWorld w)
    {
        await using var scope = factory.Db();
        var rows = await scope.Context.ValidationCounts.AsNoTracking().Where(c => c.LocationId == w.HomeId).ToListAsync(Ct);
        var today = PromoCodeStatus.Today(DateTimeOffset.UtcNow, "America/New_York"); // the home location's zone
        Assert.All(rows, r => Assert.Equal(today, r.Day));
        return rows.ToDictionary(r => (r.Outcome, r.PromoCodeId), r => r.Count);
    }

    private ValidationCountWriter Writer => factory.Services.GetRequiredService<ValidationCountWriter>();

    [Fact]
    public async Task Each_validation_and_redeem_is_counted_by_its_outcome_or_first_refusal_reason_and_code()
    {
        var w = await factory.WorldAsync();
        var good = await factory.AddCodeAsync(w.HomeId, w.Code("GOOD"), c => { c.Amount = 10; c.Inventory = new() { Quantity = 1 }; });
        var off = await factory.AddCodeAsync(w.HomeId, w.Code("OFF"), c => { c.Amount = 10; c.Enabled = false; });
        await CheckoutAsync(w, "validate", good.Code);
        await CheckoutAsync(w, "validate", good.Code);
        await CheckoutAsync(w, "validate", off.Code);
        await CheckoutAsync(w, "validate", w.Code("NOSUCH"));
        Assert.Equal(HttpStatusCode.OK, await CheckoutAsync(w, "redeem", good.Code, "A-" + w.Tag));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await CheckoutAsync(w, "redeem", good.Code, "B-" + w.Tag)); // its one use is gone
        // A request refused as bad input is no checkout outcome.
        Assert.Equal(HttpStatusCode.BadRequest, await CheckoutAsync(w, "validate", ""));
        await Writer.FlushAsync(Ct);

        Assert.Equal(new Dictionary<(string, int), long>
        {
            [("valid", good.Id)] = 2, [("code_disabled", off.Id)] = 1, [("code_not_found", 0)] = 1,
            [("redeemed", good.Id)] = 1, [("quantity_exhausted", good.Id)] = 1,
        }, await CountsAsync(w));

        // The next flush adds to the same counters.
        await CheckoutAsync(w, "validate", off.Code);
        await Writer.FlushAsync(Ct);
        Assert.Equal(2, (await CountsAsync(w))[("code_disabled", off.Id)]);
    }

    [Fact]
    public async Task Two_instances_counting_the_same_code_add_up_on_one_database()
    {
        var w = await factory.WorldAsync();
        var code = await factory.AddCodeAsync(w.HomeId, w.Code("TWICE"), c => c.Amount = 10);
        await CheckoutAsync(w, "validate", code.Code);
        // Another instance: its own counts in memory, its own writer, the same database.
        var otherTally = new ValidationTally();
        var other = new ValidationCountWriter(otherTally, factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            Options.Create(new ReportOptions()), NullLogger<ValidationCountWriter>.Instance);
        var day = PromoCodeStatus.Today(DateTimeOffset.UtcNow, "America/New_York");
        otherTally.Add(new ValidationTally.Key(w.HomeId, day, "valid", code.Id), 3);
        await Task.WhenAll(other.FlushAsync(Ct), Writer.FlushAsync(Ct));
        Assert.Equal(4, (await CountsAsync(w))[("valid", code.Id)]);
    }

    [Fact]
    public async Task Counts_not_yet_written_are_written_when_the_app_stops()
    {
        var path = Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"stop-{Guid.NewGuid():N}.db");
        int locationId, codeId;
        await using (var app = new PromoAdminFactory(path))
        {
            var w = await app.WorldAsync();
            var code = await app.AddCodeAsync(w.HomeId, w.Code("LAST"), c => c.Amount = 10);
            (locationId, codeId) = (w.HomeId, code.Id);
            await app.ApiClient().PostAsJsonAsync("/api/v1/checkout/validate", new
            {
                code = code.Code, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
            }, Ct).ExpectAsync(HttpStatusCode.OK);
        }
        try
        {
            var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
            await using var db = new PromoAdminDbContext(options.Options);
            Assert.Equal(1, await db.ValidationCounts.Where(c => c.LocationId == locationId && c.PromoCodeId == codeId && c.Outcome == "valid")
                .Select(c => c.Count).SingleAsync(Ct));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
