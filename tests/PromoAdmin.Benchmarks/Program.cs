using PromoAdmin.Benchmarks;

// dotnet run -c Release --project tests/PromoAdmin.Benchmarks -- <scenario> [count]
// Build the app first: dotnet build -c Release src/PromoAdmin.Web
var scenario = args.FirstOrDefault() ?? "help";
var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000_000;
switch (scenario)
{
    case "export": await ExportScenario.RunAsync(count); break;
    case "batch": await BatchScenario.RunAsync(count); break;
    case "checkout": await CheckoutLoadScenario.RunAsync(args.Length > 1 ? count : 8); break;
    case "list": await ListScenario.RunAsync(count); break;
    case "batch-ops": await BatchOpsScenario.RunAsync(count); break;
    case "reports": await ReportsScenario.RunAsync(count); break;
    case "sql":
    {
        // Prints the list query's SQL for a database file, for EXPLAIN QUERY PLAN by hand.
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<PromoAdmin.Domain.Data.PromoAdminDbContext>();
        PromoAdmin.Domain.Data.DatabaseSetup.Configure(options, PromoAdmin.Domain.Data.DatabaseProvider.Sqlite, $"Data Source={args[1]}");
        await using var db = new PromoAdmin.Domain.Data.PromoAdminDbContext(options.Options);
        var svc = new PromoAdmin.Domain.PromoCodes.PromoCodeService(db, null!, null!, TimeProvider.System, null!, new PromoAdmin.Domain.Users.Actor());
        var q = await svc.QueryAsync(new PromoAdmin.Domain.PromoCodes.PromoCodeFilter(1, args.Length > 2, GroupIds: args.Length > 3 ? [1] : null));
        Console.WriteLine(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToQueryString(q.Select(c => c.Id)));
        break;
    }
    case "seed":
        // A migrated database with [count] codes at location "bench", kept for hand measurements.
        var path = Path.Combine(Path.GetTempPath(), $"bench-seed-{Guid.NewGuid():N}.db");
        await using (var boot = await AppProcess.StartAsync(path)) { }
        await Seeder.CodesAsync(path, await Seeder.LocationAsync(path, "bench"), count);
        Console.WriteLine(path);
        break;
    default:
        Console.WriteLine("scenarios: export [count] | checkout [seconds per round] | list [count] | batch | batch-ops [count] | reports [count]");
        break;
}
