using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Foundation;

/// <summary>
/// The built app started as a process of its own, as an operator starts it: a start that cannot work stops with exit code 1
/// and one log line naming the setting and what it allows (README, Configuration), never a stack trace.
/// </summary>
public sealed partial class StartupCheckTests
{
    private static string NewDatabasePath() =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "promoadmin-tests")).FullName, $"startup-{Guid.NewGuid():N}.db");

    /// <summary>Log lines at Error or Fatal (the Production log is one JSON object a line).</summary>
    private static List<string> ErrorLines(IReadOnlyList<string> lines) =>
        [.. lines.Where(l => l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal))];

    private static void AssertStoppedWithOneLine((int ExitCode, IReadOnlyList<string> Lines) run, string key, string allowed)
    {
        var all = string.Join('\n', run.Lines);
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}:\n{all}");
        var error = Assert.Single(ErrorLines(run.Lines));
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Lines, l => StackFrame().IsMatch(l));
    }

    [GeneratedRegex(@"^\s+at \S+")]
    private static partial Regex StackFrame();

    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        { "RateLimiting:PermitLimit", "-5", "RateLimiting:PermitLimit", "a whole number from 1 to 1000000" },
        { "RateLimiting:PermitLimit", "abc", "RateLimiting:PermitLimit", "a whole number from 1 to 1000000" },
        { "RateLimiting:PermitLimit", "", "RateLimiting:PermitLimit", "a whole number from 1 to 1000000" },
        { "RateLimiting:WindowSeconds", "0", "RateLimiting:WindowSeconds", "a whole number from 1 to 3600" },
        { "RateLimiting:GuessLimit", "1.5", "RateLimiting:GuessLimit", "a whole number from 1 to 1000000" },
        { "RateLimiting:GuessWindowSeconds", "99999999999", "RateLimiting:GuessWindowSeconds", "a whole number from 1 to 86400" },
        { "RateLimiting:Enabled", "maybe", "RateLimiting:Enabled", "true or false" },
        { "Database:Provider", "Oracle", "Database:Provider", "one of Sqlite, SqlServer" },
        { "Database:Provider", "1", "Database:Provider", "one of Sqlite, SqlServer" },
        { "Database:StartupRetrySeconds", "-1", "Database:StartupRetrySeconds", "a whole number from 0 to 3600" },
        { "Database:LogCommands", "yes", "Database:LogCommands", "true or false" },
        { "Bootstrap:ApiKey", "abc", "Bootstrap:ApiKey", "at least 32 characters long" },
        { "Bootstrap:AdminEmail", "not-an-email", "Bootstrap:AdminEmail", "an email address" },
        { "Reports:CountFlushInterval", "0", "Reports:CountFlushInterval", "a time span ([d.]hh:mm:ss) from 00:00:01 to 1.00:00:00" },
        { "Reports:CountFlushInterval", "soon", "Reports:CountFlushInterval", "a time span ([d.]hh:mm:ss) from 00:00:01 to 1.00:00:00" },
        { "Seed:Demo", "perhaps", "Seed:Demo", "true or false" },
        { "Account:Currency", "XYZ", "Account:Currency", "a three-letter ISO 4217 currency code" },
        { "Account:CreditsEnabled", "2", "Account:CreditsEnabled", "true or false" },
        { "Batches:Worker:ChunkSize", "0", "Batches:Worker:ChunkSize", "a whole number from 1 to 1000000" },
        { "RequestLog:ValidChecksLoggedOneIn", "0", "RequestLog:ValidChecksLoggedOneIn", "a whole number from 1 to 1000000" },
        { "Metrics:Enabled", "sometimes", "Metrics:Enabled", "true or false" },
        { "Metrics:AllowedNetworks:0", "10.0.0.0/99", "Metrics:AllowedNetworks", "a network in CIDR notation" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_setting_the_app_cannot_run_with_stops_the_start_with_exit_code_1_and_one_line_naming_it(string key, string value, string named, string allowed)
    {
        var run = await AppProcess.RunUntilExitAsync(NewDatabasePath(), new Dictionary<string, string> { [key] = value });
        AssertStoppedWithOneLine(run, named, allowed);
    }

    [Fact]
    public async Task A_secret_that_is_refused_is_not_written_to_the_log()
    {
        var run = await AppProcess.RunUntilExitAsync(NewDatabasePath(), new Dictionary<string, string> { ["Bootstrap:ApiKey"] = "short-secret-xyz" });
        AssertStoppedWithOneLine(run, "Bootstrap:ApiKey", "(16 characters)");
        Assert.DoesNotContain(run.Lines, l => l.Contains("short-secret-xyz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bootstrap_admin_email_without_a_password_stops_the_start_instead_of_creating_no_admin()
    {
        var run = await AppProcess.RunUntilExitAsync(NewDatabasePath(), new Dictionary<string, string> { ["Bootstrap:AdminEmail"] = "boss@example.com", ["Bootstrap:AdminPassword"] = "" });
        AssertStoppedWithOneLine(run, "Bootstrap:AdminPassword", "is required when Bootstrap:AdminEmail is set");
    }

    [Fact]
    public async Task A_bootstrap_admin_password_that_breaks_the_sign_in_password_rules_stops_the_start_before_the_database_is_touched()
    {
        var path = NewDatabasePath();
        var run = await AppProcess.RunUntilExitAsync(path, new Dictionary<string, string> { ["Bootstrap:AdminEmail"] = "boss@example.com", ["Bootstrap:AdminPassword"] = "short" });
        AssertStoppedWithOneLine(run, "Bootstrap:AdminPassword", "at least 10 characters");
        Assert.False(File.Exists(path), "the database was created though the start was refused");
    }

    [Fact]
    public async Task A_sqlite_file_in_a_folder_that_does_not_exist_stops_the_start_with_one_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"missing-{Guid.NewGuid():N}", "promoadmin.db");
        var run = await AppProcess.RunUntilExitAsync(path);
        AssertStoppedWithOneLine(run, "ConnectionStrings:PromoAdmin", "does not exist");
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public async Task A_sqlite_file_that_cannot_be_opened_stops_the_start_at_once_with_one_line()
    {
        // A folder where the file should be: SQLite cannot open it, and no retry could change that.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "promoadmin-tests", $"not-a-file-{Guid.NewGuid():N}")).FullName;
        var run = await AppProcess.RunUntilExitAsync(folder);
        AssertStoppedWithOneLine(run, "ConnectionStrings:PromoAdmin", "cannot be opened");
        Assert.DoesNotContain(run.Lines, l => l.Contains("does not answer yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sql_server_that_does_not_answer_is_retried_with_back_off_then_the_start_stops_with_one_line()
    {
        // A local port nobody listens on: each attempt is refused at once.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var run = await AppProcess.RunUntilExitAsync(NewDatabasePath(), new Dictionary<string, string>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:PromoAdmin"] = $"Server=127.0.0.1,{port};Database=PromoAdmin;User Id=promoadmin;Password=not-used-here;TrustServerCertificate=True;Connect Timeout=2",
            ["Database:StartupRetrySeconds"] = "3",
        });
        AssertStoppedWithOneLine(run, "Database:StartupRetrySeconds", "the database did not answer in {Seconds} s");
        Assert.Contains("\"Seconds\":3,", ErrorLines(run.Lines)[0], StringComparison.Ordinal);
        var attempts = run.Lines.Where(l => l.Contains("\"@l\":\"Warning\"", StringComparison.Ordinal) && l.Contains("does not answer yet", StringComparison.Ordinal)).ToList();
        Assert.All(attempts, a => Assert.Matches("\"Wait\":[0-9.]+", a));
        // Waits of 1 s then 2 s use up the 3 s: two retries, then a third attempt and the end.
        Assert.True(attempts.Count == 2, string.Join('\n', run.Lines));
        Assert.Contains("\"Attempt\":1,", attempts[0], StringComparison.Ordinal);
        Assert.Contains("\"Wait\":1,", attempts[0], StringComparison.Ordinal);
        Assert.Contains("\"Attempt\":2,", attempts[1], StringComparison.Ordinal);
        Assert.Contains("\"Wait\":2,", attempts[1], StringComparison.Ordinal);
        Assert.Contains("\"Attempts\":3,", ErrorLines(run.Lines)[0], StringComparison.Ordinal);
    }

    private const string NobodyCanGetIn = "Nobody can sign in or call the API";

    [Fact]
    public async Task A_production_start_with_no_admin_and_no_api_client_warns_how_to_get_in()
    {
        await using var app = await AppProcess.StartAsync(NewDatabasePath(), new Dictionary<string, string> { ["Bootstrap:ApiKey"] = "" });
        await Eventually.UntilAsync(() => Task.FromResult(app.Lines.Any(l => l.Contains("PromoAdmin is running at", StringComparison.Ordinal))), "the started line");
        var warning = Assert.Single(app.Lines, l => l.Contains(NobodyCanGetIn, StringComparison.Ordinal));
        Assert.Contains("\"@l\":\"Warning\"", warning, StringComparison.Ordinal);
        Assert.Contains("Bootstrap:AdminEmail", warning, StringComparison.Ordinal);
        Assert.Contains("Bootstrap:ApiKey", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_start_with_a_bootstrap_api_key_does_not_warn()
    {
        await using var app = await AppProcess.StartAsync(NewDatabasePath());
        await Eventually.UntilAsync(() => Task.FromResult(app.Lines.Any(l => l.Contains("PromoAdmin is running at", StringComparison.Ordinal))), "the started line");
        Assert.DoesNotContain(app.Lines, l => l.Contains(NobodyCanGetIn, StringComparison.Ordinal));
        Assert.Empty(ErrorLines(app.Lines));
    }
}
