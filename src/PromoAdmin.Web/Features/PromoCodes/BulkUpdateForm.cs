using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Shared;

namespace PromoAdmin.Web.Features.PromoCodes;

/// <summary>"Promo codes to bulk update": by group or by code; the Select all promo codes toggle overrides it.</summary>
public enum BulkSelection { Groups, Codes }

public sealed class BulkUpdateForm
{
    public BulkSelection Selection { get; set; } = BulkSelection.Groups;
    public bool All { get; set; }
    public List<int> GroupIds { get; set; } = [];
    public List<int> CodeIds { get; set; } = [];
    /// <summary>The code picker's search text (the no-JavaScript search: the Search button posts it).</summary>
    public string? CodeSearch { get; set; }
    /// <summary>"Apply default settings from group": each picked group's defaults instead of picked fields.</summary>
    public bool ApplyGroupDefaults { get; set; }
    /// <summary>Keys of <see cref="Domain.PromoCodes.SettingFields.Bulk"/>.</summary>
    public List<string> Fields { get; set; } = [];
    public PromoCodeForm Values { get; set; } = new();
    public string? Command { get; set; }

    /// <summary>The toggle counts only where it shows: while the codes are picked by group (not all of them).</summary>
    public bool AppliesGroupDefaults => ApplyGroupDefaults && !All && Selection == BulkSelection.Groups;
}

/// <summary>The groups, and the codes the picker renders: the picked ones, then the newest or a search's matches.</summary>
public sealed record BulkUpdateOptions(List<GroupOption> Groups, List<CodeOption> Codes);
