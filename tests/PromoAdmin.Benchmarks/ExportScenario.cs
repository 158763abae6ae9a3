using System.Diagnostics;

namespace PromoAdmin.Benchmarks;

/// <summary>The CSV export (docs/benchmarks.md): 1,000,000 codes through the API; the app's peak memory must stay under 300 MB.</summary>
public static class ExportScenario
{
    public static async Task RunAsync(int count)
    {
        var db = Path.Combine(Path.GetTempPath(), $"bench-export-{Guid.NewGuid():N}.db");
        await using (var boot = await AppProcess.StartAsync(db)) { } // migrate
        var loc = await Seeder.LocationAsync(db, "bench");
        var seed = Stopwatch.StartNew();
        await Seeder.CodesAsync(db, loc, count);
        Console.WriteLine($"seeded {count:N0} codes in {seed.Elapsed.TotalSeconds:F1} s");

        await using var app = await AppProcess.StartAsync(db);
        using var http = app.Client();
        var before = app.CurrentMemoryMb();
        var sw = Stopwatch.StartNew();
        await using var stream = await http.GetStreamAsync("/api/v1/promo-codes/export?locationKey=bench");
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            bytes += n;
            for (var i = 0; i < n; i++) if (buffer[i] == (byte)'\n') lines++;
        }
        sw.Stop();
        Console.WriteLine($"RESULT export rows={lines - 1:N0} bytes={bytes / 1048576.0:F1}MB time={sw.Elapsed.TotalSeconds:F2}s " +
                          $"app_rss_before={before:F0}MB app_peak={app.PeakMemoryMb():F0}MB (target < 300 MB)");
        File.Delete(db);
    }
}
