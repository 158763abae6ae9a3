using PromoAdmin.Benchmarks;

// dotnet run -c Release --project tests/PromoAdmin.Benchmarks -- <scenario> [count]
// Build the app first: dotnet build -c Release src/PromoAdmin.Web
var scenario = args.FirstOrDefault() ?? "help";
var count = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
switch (scenario)
{
    case "export": await ExportScenario.RunAsync(count); break;
    case "checkout": await CheckoutLoadScenario.RunAsync(args.Length > 1 ? count : 15); break;
    case "list": await ListScenario.RunAsync(count); break;
    case "seed":
        // A migrated database with [count] codes at location "bench", kept for hand measurements.
        var path = Path.Combine(Path.GetTempPath(), $"bench-seed-{Guid.NewGuid():N}.db");
        await using (var boot = await AppProcess.StartAsync(path)) { }
        await Seeder.CodesAsync(path, await Seeder.LocationAsync(path, "bench"), count);
        Console.WriteLine(path);
        break;
    default:
        Console.WriteLine("scenarios: export [count] | checkout [seconds] | list [count] | batch");
        break;
}
