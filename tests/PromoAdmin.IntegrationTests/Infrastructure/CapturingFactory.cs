using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PromoAdmin.Tests;
using Serilog.Core;
using Serilog.Events;

namespace PromoAdmin.IntegrationTests.Infrastructure;

/// <summary>
/// The app with its log captured (every event the app's Serilog pipeline writes) and two endpoints that fail on purpose,
/// a page and an API one, to see what an unexpected error answers.
/// </summary>
public class CapturingFactory : PromoAdminFactory
{
    public LogCapture Log { get; } = new();

    public CapturingFactory() : this(null) { }

    protected CapturingFactory(IDictionary<string, string?>? extra) : base(null, extra) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Log);
            services.AddControllers().AddApplicationPart(typeof(FailingController).Assembly);
        });
    }
}

public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => events.ToArray();

    public IReadOnlyList<string> ErrorsSince(int index) =>
        Events.Skip(index).Where(e => e.Level >= LogEventLevel.Error).Select(e => e.RenderMessage() + " " + e.Exception).ToList();
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
