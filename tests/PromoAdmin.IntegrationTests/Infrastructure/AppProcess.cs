using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PromoAdmin.IntegrationTests.Infrastructure;

/// <summary>
/// The built web app as a process of its own on 127.0.0.1, for what an in-process host cannot show: a kill -9 in the
/// middle of work, a restart on the same database, and a start that must stop by itself with an exit code and a log line.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    public string BaseUrl { get; }

    private AppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The app's build next to this test build (same configuration).</summary>
    private static string AppDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = dir.Parent!.Name; // bin/<configuration>/net10.0
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PromoAdmin.sln"))) dir = dir.Parent;
        var dll = Path.Combine(dir!.FullName, "src", "PromoAdmin.Web", "bin", configuration, "net10.0", "PromoAdmin.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the solution first: {dll} is missing.");
    }

    public static async Task<AppProcess> StartAsync(string databasePath, IDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!); // the app makes only its default folder
        var app = Launch(databasePath, settings);
        var url = app.BaseUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (app.process.HasExited) throw new InvalidOperationException("The app exited at start-up:\n" + app.Output);
            try
            {
                if ((await http.GetAsync(url + "/health/ready")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100); // polling for start-up, not deciding a verdict
        }
        throw new TimeoutException("The app did not become ready in 90 s:\n" + app.Output);
    }

    /// <summary>
    /// Starts the app for a start that is expected to stop by itself (a bad setting, a database that never answers) and
    /// waits for it to exit: its exit code and every line it wrote to stdout and stderr.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunUntilExitAsync(string databasePath, IDictionary<string, string>? settings = null)
    {
        await using var app = Launch(databasePath, settings);
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(2)); // a guard against a hang only: the starts this serves end in seconds
        await app.process.WaitForExitAsync(hang.Token); // also waits for the end of the redirected output
        return (app.process.ExitCode, app.Lines);
    }

    /// <summary>The process started with the test's settings; nothing awaited.</summary>
    private static AppProcess Launch(string databasePath, IDictionary<string, string>? settings)
    {
        var dll = AppDll();
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__PromoAdmin"] = $"Data Source={databasePath}";
        info.Environment["Seed__Demo"] = "false";
        info.Environment["Bootstrap__ApiKey"] = PromoAdminFactory.ApiKey;
        info.Environment["RateLimiting__Enabled"] = "false";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) info.Environment[k.Replace(":", "__")] = v;
        var app = new AppProcess(Process.Start(info)!, url);
        app.process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.Add(e.Data); };
        app.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.Add(e.Data); };
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Every line written so far, stdout and stderr together.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (output) return [.. output]; }
    }

    public string Output
    {
        get { lock (output) return string.Join('\n', output.TakeLast(60)); }
    }

    public HttpClient Client(string key = PromoAdminFactory.ApiKey)
    {
        var c = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        c.DefaultRequestHeaders.Add("X-Api-Key", key);
        return c;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no finally blocks, as when a machine or a container dies.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
