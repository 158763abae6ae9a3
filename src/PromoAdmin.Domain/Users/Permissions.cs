namespace PromoAdmin.Domain.Users;

/// <summary>What a signed-in person may do: one value per row of the role table in docs/rules.md#roles.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The suffix is reserved for code-access-security permissions; this is the product's own word.")]
public enum Permission
{
    /// <summary>See codes, batches, groups, redemptions, reports and reference data; use Diagnose.</summary>
    View,
    /// <summary>Download CSV exports.</summary>
    DownloadCsv,
    /// <summary>Create, edit, archive and copy codes; bulk update; promo code groups.</summary>
    ManageCodes,
    /// <summary>Generate batches and clone codes (customer service within the account's limits).</summary>
    GenerateBatches,
    /// <summary>Modify a batch's inventory, delete a batch, batch-level changes.</summary>
    ManageBatches,
    /// <summary>Void a redemption from the UI.</summary>
    VoidRedemptions,
    /// <summary>Catalog, customers, segments, campaigns, lookups and locations.</summary>
    ManageReferenceData,
    /// <summary>Read the audit trail of every entity (a code's own History tab needs only <see cref="View"/>).</summary>
    ViewAudit,
    /// <summary>Users, API clients, account settings and the audit export.</summary>
    Administer,
}

/// <summary>
/// The one table of who may do what. The pages' policies, the navigation and the permission matrix test all read it, so
/// a menu entry, its page and its test cannot disagree.
/// </summary>
public static class Permissions
{
    public static readonly IReadOnlyDictionary<Permission, string[]> Table = new Dictionary<Permission, string[]>
    {
        [Permission.View] = [Roles.Admin, Roles.Manager, Roles.CustomerService, Roles.Viewer],
        [Permission.DownloadCsv] = [Roles.Admin, Roles.Manager, Roles.CustomerService],
        [Permission.ManageCodes] = [Roles.Admin, Roles.Manager],
        [Permission.GenerateBatches] = [Roles.Admin, Roles.Manager, Roles.CustomerService],
        [Permission.ManageBatches] = [Roles.Admin, Roles.Manager],
        [Permission.VoidRedemptions] = [Roles.Admin, Roles.Manager, Roles.CustomerService],
        [Permission.ManageReferenceData] = [Roles.Admin, Roles.Manager],
        [Permission.ViewAudit] = [Roles.Admin, Roles.Manager],
        [Permission.Administer] = [Roles.Admin],
    };

    public static bool Allows(string? role, Permission permission) => role is not null && Table[permission].Contains(role);

    public const string PolicyPrefix = "permission:";

    /// <summary>The policy name a permission is registered under.</summary>
    public static string PolicyName(Permission permission) => PolicyPrefix + permission;
}
