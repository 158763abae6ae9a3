using System.Data.Common;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using YamlDotNet.RepresentationModel;

namespace PromoAdmin.IntegrationTests.Foundation;

/// <summary>
/// No Docker engine runs here: docker-compose.yml, the Dockerfile and the database init script are parsed and checked
/// for what a production start depends on (README, SQL Server with docker compose).
/// </summary>
public sealed partial class DockerComposeTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PromoAdmin.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PromoAdmin.sln not found above the test folder.");
    }

    private static string ComposeText() => File.ReadAllText(Path.Combine(RepoRoot(), "docker-compose.yml"));

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(ComposeText()));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)((YamlMappingNode)Compose()["services"])[name];

    private static Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children.ToDictionary(k => k.Key.ToString(), v => v.Value.ToString());

    private static string[] DockerfileLines() => File.ReadAllLines(Path.Combine(RepoRoot(), "src/PromoAdmin.Web/Dockerfile"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    /// <summary>The instructions of the Dockerfile's last stage: what the running image is.</summary>
    private static string[] FinalStage()
    {
        var lines = DockerfileLines();
        return lines[Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal))..];
    }

    /// <summary>${NAME}, ${NAME:-fallback}, ${NAME:?message} and the other forms; $${NAME} is compose's escape for the container's shell.</summary>
    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<form>:?[-?+])?(?<rest>[^}]*)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex("PASSWORD|KEY|SECRET|TOKEN", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [Fact]
    public void Every_secret_in_compose_is_required_with_a_message_and_has_no_fallback()
    {
        var uses = Interpolation().Matches(ComposeText()).Where(m => SecretName().IsMatch(m.Groups["name"].Value)).ToList();
        Assert.Contains(uses, m => m.Groups["name"].Value == "MSSQL_SA_PASSWORD");
        Assert.Contains(uses, m => m.Groups["name"].Value == "PROMOADMIN_DB_PASSWORD");
        Assert.Contains(uses, m => m.Groups["name"].Value == "PROMOADMIN_API_KEY");
        Assert.Contains(uses, m => m.Groups["name"].Value == "PROMOADMIN_ADMIN_PASSWORD");
        Assert.All(uses, m =>
        {
            Assert.True(m.Groups["form"].Value == ":?", $"{m.Value}: a secret must be ${{NAME:?message}}, with no fallback");
            Assert.False(string.IsNullOrWhiteSpace(m.Groups["rest"].Value), $"{m.Value}: say what to set");
        });
        Assert.DoesNotContain("Change-me", ComposeText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_image_in_compose_and_the_dockerfile_is_pinned_to_a_version()
    {
        var services = (YamlMappingNode)Compose()["services"];
        var images = services.Children.Values.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("image")).Select(s => s["image"].ToString())
            .Concat(DockerfileLines().Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]))
            .ToList();
        Assert.Equal(2, images.Count(i => i.StartsWith("mcr.microsoft.com/mssql/server:", StringComparison.Ordinal))); // db and db-init
        Assert.Equal(2, images.Count(i => i.StartsWith("mcr.microsoft.com/dotnet/", StringComparison.Ordinal)));
        Assert.All(images, image =>
        {
            var tag = image.Split(':').ElementAtOrDefault(1);
            Assert.False(string.IsNullOrEmpty(tag), $"{image}: no tag is latest");
            Assert.DoesNotContain("latest", tag, StringComparison.OrdinalIgnoreCase);
            Assert.Matches(@"\d", tag);
        });
        // SQL Server by cumulative update, .NET by patch release: both move only when the tag is changed.
        Assert.All(images.Where(i => i.Contains("mssql", StringComparison.Ordinal)), i => Assert.Matches(@":2022-CU\d+-ubuntu-\d+\.\d+$", i));
        Assert.All(images.Where(i => i.Contains("dotnet", StringComparison.Ordinal)), i => Assert.Matches(@":\d+\.\d+\.\d+$", i));
    }

    [Fact]
    public void The_app_connects_with_its_own_login_which_the_init_step_creates_as_owner_of_the_app_database_only()
    {
        var env = Environment("app");
        Assert.Equal("SqlServer", env["Database__Provider"]);
        var connection = new DbConnectionStringBuilder { ConnectionString = env["ConnectionStrings__PromoAdmin"] };
        Assert.Equal("db", connection["Server"]);
        Assert.Equal("PromoAdmin", connection["Database"]);
        var login = connection["User Id"].ToString()!;
        Assert.NotEqual("sa", login, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("${PROMOADMIN_DB_PASSWORD:?", connection["Password"].ToString(), StringComparison.Ordinal);

        // db-init runs the script from the repository with the same password variable the app uses.
        var init = Service("db-init");
        var mount = ((YamlSequenceNode)init["volumes"]).Children.Select(v => v.ToString()).Single(v => v.EndsWith(".sql:ro", StringComparison.Ordinal)).Split(':');
        var command = string.Join(' ', ((YamlSequenceNode)init["command"]).Children.Select(c => c.ToString()));
        Assert.Contains("-i " + mount[1], command, StringComparison.Ordinal);
        Assert.Contains("AppPassword=\"$${PROMOADMIN_DB_PASSWORD}\"", command, StringComparison.Ordinal);
        Assert.Contains("PROMOADMIN_DB_PASSWORD", Environment("db-init").Keys);

        var sql = File.ReadAllText(Path.Combine(RepoRoot(), mount[0]));
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var script = (TSqlScript)parser.Parse(new StringReader(sql.Replace("$(AppPassword)", "placeholder-Pass-1", StringComparison.Ordinal)), out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
        var statements = script.Batches.SelectMany(b => b.Statements).ToList();

        // Each creation guarded, so that a second run changes nothing; the login owns the PromoAdmin database and nothing more.
        Assert.Contains(statements.OfType<IfStatement>(), s => s.ThenStatement is CreateDatabaseStatement { DatabaseName.Value: "PromoAdmin" });
        var createLogin = Assert.Single(statements.OfType<IfStatement>(), s => s.ThenStatement is CreateLoginStatement);
        Assert.Equal(login, ((CreateLoginStatement)createLogin.ThenStatement).Name.Value);
        Assert.Contains(statements.OfType<UseStatement>(), u => u.DatabaseName.Value == "PromoAdmin");
        var createUser = Assert.Single(statements.OfType<IfStatement>(), s => s.ThenStatement is CreateUserStatement);
        Assert.Equal(login, ((CreateUserStatement)createUser.ThenStatement).Name.Value);
        var addRole = (AlterRoleStatement)Assert.Single(statements.OfType<IfStatement>(), s => s.ThenStatement is AlterRoleStatement).ThenStatement;
        Assert.Equal("db_owner", addRole.Name.Value);
        Assert.Equal(login, ((AddMemberAlterRoleAction)addRole.Action).Member.Value);
        Assert.DoesNotContain("sysadmin", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ALTER SERVER ROLE", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_app_starts_after_the_database_is_healthy_and_initialised_and_both_report_their_health()
    {
        var dependsOn = (YamlMappingNode)Service("app")["depends_on"];
        Assert.Equal("service_healthy", ((YamlMappingNode)dependsOn["db"])["condition"].ToString());
        Assert.Equal("service_completed_successfully", ((YamlMappingNode)dependsOn["db-init"])["condition"].ToString());
        Assert.Equal("service_healthy", ((YamlMappingNode)((YamlMappingNode)Service("db-init")["depends_on"])["db"])["condition"].ToString());

        string HealthTest(string service) => string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)Service(service)["healthcheck"])["test"]).Children.Select(c => c.ToString()));
        Assert.Contains("sqlcmd", HealthTest("db"), StringComparison.Ordinal);
        var appHealth = HealthTest("app");
        Assert.Contains("http://localhost:8080/health/ready", appHealth, StringComparison.Ordinal);
        // The aspnet image has no curl: the final stage installs the one the check runs.
        Assert.Contains("curl", appHealth, StringComparison.Ordinal);
        Assert.Contains(FinalStage(), l => l.StartsWith("RUN ", StringComparison.Ordinal) && l.Contains("apt-get install", StringComparison.Ordinal) && l.Contains("curl", StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_image_runs_as_a_non_root_user()
    {
        var user = Assert.Single(FinalStage(), l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.True(user is "app" or "$APP_UID" or "${APP_UID}", $"USER {user}: the aspnet image's unprivileged user");
        // Nothing after it switches back.
        var final = FinalStage();
        Assert.Equal(Array.FindLastIndex(final, l => l.StartsWith("USER ", StringComparison.Ordinal)), Array.FindIndex(final, l => l.StartsWith("USER ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_dockerfile_restores_from_the_project_files_alone_before_it_copies_the_source()
    {
        var lines = DockerfileLines();
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var source = Array.FindIndex(lines, l => l == "COPY src/ src/");
        Assert.True(restore > 0 && source > restore, "dotnet restore must run before the source is copied");
        var copiedFirst = lines[..restore].Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();
        Assert.All(copiedFirst, f => Assert.Matches(@"(\.csproj|Directory\.[A-Za-z]+\.props|global\.json)$", f));
        Assert.Contains("global.json", copiedFirst);
        Assert.Contains("Directory.Packages.props", copiedFirst);
        Assert.Contains("Directory.Build.props", copiedFirst);

        // Every project the web app builds from is there before the restore (a project added later must be added here too).
        var projects = new HashSet<string>(StringComparer.Ordinal);
        void Walk(string project)
        {
            if (!projects.Add(project)) return;
            var folder = Path.GetDirectoryName(project)!;
            foreach (var reference in XDocument.Load(Path.Combine(RepoRoot(), project)).Descendants("ProjectReference"))
                Walk(Path.GetRelativePath(RepoRoot(), Path.GetFullPath(Path.Combine(RepoRoot(), folder, reference.Attribute("Include")!.Value.Replace('\\', '/')))).Replace('\\', '/'));
        }
        Walk("src/PromoAdmin.Web/PromoAdmin.Web.csproj");
        Assert.Equal(projects.Order(), copiedFirst.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal)).Order());

        var publish = Assert.Single(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        Assert.Contains("--no-restore", publish, StringComparison.Ordinal);
        Assert.True(Array.IndexOf(lines, publish) > source);
    }

    [Fact]
    public void The_build_context_leaves_out_secrets_and_build_output()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoRoot(), ".dockerignore")).Select(l => l.Trim()).ToList();
        Assert.Contains(".env", ignored);
        Assert.Contains("**/bin", ignored);
        Assert.Contains("**/obj", ignored);
        Assert.Contains(".git", ignored);
    }
}
