using System.Collections.Concurrent;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(PromoAdmin.BrowserTests.BrowserFixture))]

namespace PromoAdmin.BrowserTests;

/// <summary>
/// The app on real Kestrel at 127.0.0.1 and Debian's Chromium driven by Playwright (no browser download): one of each
/// for all the browser tests (an assembly fixture). Each test opens its own browser context (cookies of its own) and
/// works at locations of its own (<see cref="TestData"/>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// The app. Its batch worker writes 10,000 codes per transaction instead of 50,000: SQLite has one writer at a time,
    /// and the other tests' sign-ins and saves wait for each of a big batch's chunks.
    /// </summary>
    public PromoAdminFactory App { get; } = new(null, new Dictionary<string, string?> { ["Batches:Worker:ChunkSize"] = "10000" });
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? playwright;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        BaseUrl = App.StartKestrel();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A page in a browser context of its own (its own cookies), closed when the test that opened it ends.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        OpenContexts.GetOrAdd(TestContext.Current.Test?.UniqueID ?? "", _ => []).Add(context);
        return await context.NewPageAsync();
    }

    // The browser outlives every test: a page left open would go on drawing and polling for the rest of the run.
    private static readonly ConcurrentDictionary<string, ConcurrentBag<IBrowserContext>> OpenContexts = new();

    /// <summary>Closes the pages the current test opened (<see cref="BrowserTest"/> calls it as each test ends).</summary>
    public static async ValueTask ClosePagesOfCurrentTestAsync()
    {
        if (OpenContexts.TryRemove(TestContext.Current.Test?.UniqueID ?? "", out var contexts))
            foreach (var context in contexts) await context.CloseAsync();
    }

    public async Task SignInAsync(IPage page, string email = PromoAdminFactory.AdminEmail, string password = PromoAdminFactory.AdminPassword)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // DOMContentLoaded, not load: on a busy 2-core machine a page's load event once took past the 30 s default.
        await page.WaitForURLAsync(u => !u.Contains("/account/sign-in"), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
    }

    /// <summary>Writes a full-page screenshot next to the test binaries (and names it in the test output).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"screenshot: {path}");
    }

    private static string FindChromium()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        // Debian's headless shell first when it is installed: the same engine without the full browser's windowing and
        // compositing, about half the CPU time of these tests (what Playwright itself runs for headless Chromium).
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        foreach (var name in new[] { "chromium-headless-shell", "chromium", "chromium-browser" })
            foreach (var dir in path)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        throw new InvalidOperationException("Chromium was not found on PATH: run ./build.sh test, which installs Debian's chromium.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// A test class of the browser tests. xunit makes one instance per test and disposes it when the test ends: the pages
/// the test opened close then.
/// </summary>
public abstract class BrowserTest : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await BrowserFixture.ClosePagesOfCurrentTestAsync();
        GC.SuppressFinalize(this);
    }
}
