using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Reports;
using PromoAdmin.Domain.Settings;
using PromoAdmin.Web.Features.Redemptions;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary><c>Database</c> settings (README, Configuration); the connection string is <c>ConnectionStrings:PromoAdmin</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public bool LogCommands { get; set; }
    /// <summary>How long start-up waits for a database server that does not answer yet, retrying with back-off; 0 tries once.</summary>
    [Range(0, 3600)]
    public int StartupRetrySeconds { get; set; } = 60;
}

/// <summary><c>Bootstrap</c> settings: an API client and an Admin user ensured at every start (docs/rules.md#users).</summary>
public sealed class BootstrapOptions : IValidatableObject
{
    /// <summary>Long enough not to be guessed: the key opens every admin route.</summary>
    [MinLength(32)]
    public string? ApiKey { get; set; }
    [EmailAddress]
    public string? AdminEmail { get; set; }
    /// <summary>Checked against the sign-in password rules once the app is built (<see cref="StartupChecks"/>).</summary>
    public string? AdminPassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Half a bootstrap admin would start with no admin at all, and nobody would know why the sign-in fails.
        if (!string.IsNullOrWhiteSpace(AdminEmail) && string.IsNullOrWhiteSpace(AdminPassword))
            yield return new("is required when Bootstrap:AdminEmail is set (or remove Bootstrap:AdminEmail).", [nameof(AdminPassword)]);
        if (string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrWhiteSpace(AdminPassword))
            yield return new("is required when Bootstrap:AdminPassword is set (or remove Bootstrap:AdminPassword).", [nameof(AdminEmail)]);
    }
}

/// <summary><c>Seed</c> settings.</summary>
public sealed class SeedOptions
{
    public bool Demo { get; set; }
}

/// <summary><c>Account</c> settings, written into the database at the first start.</summary>
public sealed class AccountOptions
{
    public bool CreditsEnabled { get; set; } = true;
    [KnownCurrency]
    public string? Currency { get; set; }
}

/// <summary>What the Account settings page accepts as a currency (<see cref="AccountSettingsService.Currencies"/>), in capitals.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KnownCurrencyAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || AccountSettingsService.Currencies.Contains(text);
}

/// <summary>
/// Every documented setting checked before the app is built: a value it cannot run with stops the start with one line naming
/// the key and what is allowed. Each rule lives on its options class as an attribute; this reads them, so a new setting
/// is checked by adding its property (and its section below, for a new class).
/// </summary>
public static class SettingsCheck
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        ("Database", typeof(DatabaseOptions)),
        ("Bootstrap", typeof(BootstrapOptions)),
        ("Seed", typeof(SeedOptions)),
        ("Account", typeof(AccountOptions)),
        ("RateLimiting", typeof(CheckoutRateLimitOptions)),
        ("Reports", typeof(ReportOptions)),
        ("Batches:Worker", typeof(BatchWorkerOptions)),
        ("RequestLog", typeof(RequestLogOptions)),
        ("Metrics", typeof(MetricsOptions)),
    ];

    /// <summary>What is wrong, one sentence per key; empty when every setting is allowed.</summary>
    public static List<string> Problems(IConfiguration config, string contentRoot)
    {
        var problems = new List<string>();
        foreach (var (name, type) in Sections) problems.AddRange(SectionProblems(config.GetSection(name), name, type));
        if (!problems.Any(p => p.StartsWith("Database:", StringComparison.Ordinal)))
        {
            try
            {
                DatabaseSetup.Resolve(config, contentRoot);
            }
            catch (PromoAdmin.Domain.Common.InvalidSettingException e)
            {
                problems.Add(e.Message);
            }
        }
        return problems;
    }

    private static List<string> SectionProblems(IConfigurationSection section, string name, Type type)
    {
        var options = Activator.CreateInstance(type)!;
        var problems = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{name}:{property.Name}";
            if (property.PropertyType == typeof(List<string>))
            {
                // A list (Metrics:AllowedNetworks:0, :1, ...): its items are checked by the options class as a whole.
                property.SetValue(options, section.GetSection(property.Name).GetChildren().Select(c => c.Value ?? "").ToList());
                continue;
            }
            var raw = section[property.Name];
            // Not set: the default. Empty text is not set either; an empty number or switch the binder would refuse.
            if (raw is null || (property.PropertyType == typeof(string) && string.IsNullOrWhiteSpace(raw))) continue;
            if (!TryConvert(raw, property.PropertyType, out var value))
            {
                problems.Add($"{key} {Shown(raw, property)} is not allowed: it must be {Allowed(property)}.");
                continue;
            }
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateProperty(value, new ValidationContext(options) { MemberName = property.Name }, results))
            {
                problems.Add($"{key} {Shown(raw, property)} is not allowed: it must be {Allowed(property)}.");
                continue;
            }
            property.SetValue(options, value);
        }
        if (problems.Count == 0 && options is IValidatableObject whole)
            foreach (var result in whole.Validate(new ValidationContext(options)))
                problems.Add($"{name}:{result.MemberNames.First()} {result.ErrorMessage}");
        return problems;
    }

    /// <summary>The conversion the configuration binder makes (invariant culture), with enums by name only.</summary>
    private static bool TryConvert(string raw, Type type, out object? value)
    {
        value = null;
        if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, raw.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null) return false;
            value = Enum.Parse(type, match);
            return true;
        }
        try
        {
            value = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(raw);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The value as given, except text, which may be a secret (its length is what matters).</summary>
    private static string Shown(string raw, PropertyInfo property) =>
        property.PropertyType != typeof(string) ? $"'{raw}'"
        : property.GetCustomAttribute<MinLengthAttribute>() is not null ? string.Create(CultureInfo.InvariantCulture, $"({raw.Length} characters)")
        : property.GetCustomAttribute<KnownCurrencyAttribute>() is not null ? $"'{raw}'"
        : "(as given)";

    private static string Allowed(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var range = property.GetCustomAttribute<RangeAttribute>();
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type));
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int)) return range is null ? "a whole number" : string.Create(CultureInfo.InvariantCulture, $"a whole number from {range.Minimum} to {range.Maximum}");
        if (type == typeof(TimeSpan)) return range is null ? "a time span ([d.]hh:mm:ss)" : $"a time span ([d.]hh:mm:ss) from {range.Minimum} to {range.Maximum}";
        if (property.GetCustomAttribute<MinLengthAttribute>() is { } min) return string.Create(CultureInfo.InvariantCulture, $"at least {min.Length} characters long");
        if (property.GetCustomAttribute<EmailAddressAttribute>() is not null) return "an email address";
        if (property.GetCustomAttribute<KnownCurrencyAttribute>() is not null) return "a three-letter ISO 4217 currency code in capitals, such as USD or EUR";
        return "a valid value";
    }
}
