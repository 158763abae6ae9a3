using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using PromoAdmin.Domain.Users;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

[assembly: AssemblyFixture(typeof(PromoAdmin.IntegrationTests.Infrastructure.SharedApp))]

namespace PromoAdmin.IntegrationTests.Infrastructure;

/// <summary>
/// The one app most integration test classes share (an assembly fixture, started once, used by classes running in
/// parallel). Tests keep apart by their data (<see cref="TestData"/>) and by their requests (<see cref="TestRequests"/>):
/// the log they read, the address per-address brakes count, and the API client of their own whenever they use up
/// a per-client allowance on purpose (the guessing brake). The host differs from production in three ways, none of
/// which a test here is about: checkout requests are not rate-limited per window (parallel tests share the bootstrap
/// key; the limits have their own app in CheckoutLimitTests), the batch worker takes small chunks often, and two
/// endpoints fail on purpose.
/// Apps of their own remain for what cannot share: the batch jobs tests drive the worker themselves
/// (<see cref="Batches.BatchJobsApp"/>), codes available at all locations show on every location's list
/// (<see cref="AllLocationsApp"/>), tight rate limits, demo data, and a database file a test breaks on purpose.
/// </summary>
public sealed class SharedApp() : PromoAdminFactory(null, new Dictionary<string, string?>
{
    ["RateLimiting:PermitLimit"] = "100000",
    ["Batches:Worker:ChunkSize"] = "2000",
    ["Batches:Worker:PollInterval"] = "00:00:00.500",
}), IAsyncLifetime
{
    /// <summary>Every log event the app writes, each with the test whose request wrote it.</summary>
    public LogCapture Log { get; } = new();

    /// <summary>The test's requests still running in the app.</summary>
    public TestRequests Requests { get; } = new();

    /// <summary>The password hashes sign-ins checked passwords against.</summary>
    public PasswordChecks Passwords { get; } = new();

    public ValueTask InitializeAsync()
    {
        StartServer(); // now, once: the first use would otherwise race between parallel classes
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Log);
            services.AddSingleton<IStartupFilter>(Requests);
            services.AddControllers().AddApplicationPart(typeof(FailingController).Assembly);
        });
        builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<AppUser>>(s =>
            new RecordingPasswordHasher(new PasswordHasher<AppUser>(s.GetService<IOptions<PasswordHasherOptions>>()), Passwords)));
    }

    /// <summary>Every client this app hands out to a test sends the test's id.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (TestRequests.CurrentTest is { } test) client.DefaultRequestHeaders.Add(TestRequests.Header, test);
    }
}

/// <summary>
/// A middleware in front of the app's own that keeps the tests' requests apart on the shared app. A request carrying a
/// test's id (<see cref="Header"/>) gets an address of that test's own, so that per-address counting (the unknown API
/// key brake) sees each test as its own client machine; its log events carry the id; and it is counted while it runs,
/// so that a test can wait until the app has finished everything it asked for, a request its client gave up on included.
/// </summary>
public sealed class TestRequests : IStartupFilter
{
    public const string Header = "X-Test-Id";
    public const string LogProperty = "TestId";
    private static readonly AsyncLocal<string?> Served = new();
    private readonly ConcurrentDictionary<string, Running> running = new();

    /// <summary>On the test's side: the test running now. In the app: the test whose request is being served.</summary>
    public static string? CurrentTest => TestContext.Current.Test?.UniqueID ?? Served.Value;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext http, RequestDelegate inner) =>
        {
            var test = http.Request.Headers[Header].ToString();
            if (test.Length == 0)
            {
                await inner(http);
                return;
            }
            http.Connection.RemoteIpAddress = new IPAddress(SHA256.HashData(Encoding.UTF8.GetBytes(test))[..16]);
            Served.Value = test;
            var count = running.GetOrAdd(test, _ => new Running());
            count.Enter();
            try
            {
                using (LogContext.PushProperty(LogProperty, test)) await inner(http);
            }
            finally
            {
                count.Exit();
            }
        });
        next(app);
    };

    /// <summary>Completes once none of the current test's requests is still running in the app.</summary>
    public Task IdleAsync() =>
        TestRequests.CurrentTest is { } test && running.TryGetValue(test, out var r) ? r.IdleAsync() : Task.CompletedTask;

    private sealed class Running
    {
        private readonly Lock gate = new();
        private int count;
        private TaskCompletionSource idle = Done();

        private static TaskCompletionSource Done()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
            return done;
        }

        public void Enter()
        {
            lock (gate)
                if (count++ == 0) idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Exit()
        {
            lock (gate)
                if (--count == 0) idle.SetResult();
        }

        public Task IdleAsync()
        {
            lock (gate) return idle.Task;
        }
    }
}

/// <summary>The app's log, as its Serilog pipeline writes it; a test reads the events of its own requests.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    /// <summary>The events written while the app served the current test's requests, in order.</summary>
    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            var test = TestRequests.CurrentTest;
            return events.Where(e => e.Properties.TryGetValue(TestRequests.LogProperty, out var v) && v is ScalarValue { Value: string s } && s == test).ToArray();
        }
    }

    public IReadOnlyList<string> ErrorsSince(int index) =>
        Events.Skip(index).Where(e => e.Level >= LogEventLevel.Error).Select(e => e.RenderMessage() + " " + e.Exception).ToList();
}

/// <summary>The password hashes the app checked sign-in passwords against, per test.</summary>
public sealed class PasswordChecks
{
    private readonly ConcurrentQueue<(string? Test, string Hash)> checks = new();

    internal void Add(string hash) => checks.Enqueue((TestRequests.CurrentTest, hash));

    /// <summary>The hashes the current test's requests checked a password against, in order.</summary>
    public IReadOnlyList<string> Checked
    {
        get
        {
            var test = TestRequests.CurrentTest;
            return checks.Where(c => c.Test == test).Select(c => c.Hash).ToList();
        }
    }

    /// <summary>
    /// What a check against <paramref name="hash"/> costs, read from the hash itself (ASP.NET Core Identity's format 3:
    /// a marker byte, then the PRF, the iteration count and the salt length as big-endian integers).
    /// </summary>
    public static (byte Format, uint Prf, uint Iterations, uint SaltLength) CostOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        static uint At(byte[] b, int i) => (uint)(b[i] << 24 | b[i + 1] << 16 | b[i + 2] << 8 | b[i + 3]);
        return (bytes[0], At(bytes, 1), At(bytes, 5), At(bytes, 9));
    }
}

internal sealed class RecordingPasswordHasher(IPasswordHasher<AppUser> inner, PasswordChecks checks) : IPasswordHasher<AppUser>
{
    public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        checks.Add(hashedPassword);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Fails on purpose, for any method: what a bug in a page or an API endpoint looks like to its caller.</summary>
[AllowAnonymous, IgnoreAntiforgeryToken]
public sealed class FailingController : Controller
{
    [Route("/test-failures/page")]
    public IActionResult Page() => throw new InvalidOperationException("A page failed on purpose.");

    [Route("/api/test-failures/endpoint")]
    public IActionResult Endpoint() => throw new InvalidOperationException("An API endpoint failed on purpose.");
}
