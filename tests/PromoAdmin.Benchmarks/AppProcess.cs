using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PromoAdmin.Benchmarks;

/// <summary>
/// The Release build of the web app as its own process on 127.0.0.1 (production settings: no demo seed, quiet logs),
/// so that its memory and throughput are measured alone.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string ApiKey = "pa_benchmark_key_0123456789abcdefghij";
    private readonly Process process;
    public string BaseUrl { get; }
    public string DatabasePath { get; }
    public int Pid => process.Id;
    private static int errorLines;

    /// <summary>Lines the app logged at Error or Fatal since it started (all app processes of this run).</summary>
    public static int ErrorLines => Volatile.Read(ref errorLines);

    private AppProcess(Process process, string baseUrl, string databasePath)
    {
        this.process = process;
        BaseUrl = baseUrl;
        DatabasePath = databasePath;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PromoAdmin.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }

    public static async Task<AppProcess> StartAsync(string databasePath, Dictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(RepoRoot(), "src/PromoAdmin.Web/bin/Release/net10.0/PromoAdmin.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the app first: dotnet build -c Release src/PromoAdmin.Web ({dll} missing).");
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__PromoAdmin"] = $"Data Source={databasePath}";
        info.Environment["Seed__Demo"] = "false";
        info.Environment["Bootstrap__ApiKey"] = ApiKey;
        info.Environment["RateLimiting__Enabled"] = "false";
        foreach (var (k, v) in settings ?? []) info.Environment[k.Replace(":", "__")] = v;
        var p = Process.Start(info)!;
        p.OutputDataReceived += (_, e) =>
        {
            // Production logs are compact JSON: count the Error and Fatal lines a run leaves.
            if (e.Data is not null && (e.Data.Contains("\"@l\":\"Error\"", StringComparison.Ordinal) || e.Data.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref errorLines);
                Console.Error.WriteLine("[app error] " + e.Data[..Math.Min(300, e.Data.Length)]);
            }
        };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[app] " + e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var app = new AppProcess(p, url, databasePath);
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            if (p.HasExited) throw new InvalidOperationException("The app exited at start-up.");
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not answer /health in 60 s.");
    }

    public HttpClient Client()
    {
        var c = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        c.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return c;
    }

    /// <summary>The process's peak resident memory so far (VmHWM), in MB.</summary>
    public double PeakMemoryMb() => ReadStatusKb("VmHWM") / 1024.0;

    public double CurrentMemoryMb() => ReadStatusKb("VmRSS") / 1024.0;

    private long ReadStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return 0;
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
