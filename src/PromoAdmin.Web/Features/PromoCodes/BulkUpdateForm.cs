namespace PromoAdmin.Web.Features.PromoCodes;

/// <summary>The seed's "Promo codes to bulk update" choice; the Select all promo codes toggle overrides it.</summary>
public enum BulkSelection { Groups, Codes }

public sealed class BulkUpdateForm
{
    public BulkSelection Selection { get; set; } = BulkSelection.Groups;
    public bool All { get; set; }
    public List<int> GroupIds { get; set; } = [];
    public List<int> CodeIds { get; set; } = [];
    /// <summary>Keys of <see cref="SettingFields.Bulk"/>.</summary>
    public List<string> Fields { get; set; } = [];
    public PromoCodeForm Values { get; set; } = new();
    public string? Command { get; set; }
}

public sealed record BulkCodeOption(int Id, string Code, string? Description);

public sealed record BulkUpdateOptions(List<GroupOption> Groups, List<BulkCodeOption> Codes, bool CodesTruncated)
{
    public const int MaxCodes = 500;
}
