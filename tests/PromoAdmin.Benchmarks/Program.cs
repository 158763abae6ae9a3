using PromoAdmin.Benchmarks;

// dotnet run -c Release --project tests/PromoAdmin.Benchmarks -- <scenario> [count]
// Build the app first: dotnet build -c Release src/PromoAdmin.Web
var scenario = args.FirstOrDefault() ?? "help";
var count = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
switch (scenario)
{
    case "export": await ExportScenario.RunAsync(count); break;
    case "checkout": await CheckoutLoadScenario.RunAsync(args.Length > 1 ? count : 15); break;
    default:
        Console.WriteLine("scenarios: export [count] | checkout [seconds]");
        break;
}
