using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Web.Features.Shared;

public sealed record CheckOption(string Value, string Label, string? Hint = null, string? Group = null, string? Kind = null);

/// <summary>
/// A multi-select as a scrollable list of checkboxes: usable without JavaScript (no ctrl-click), searchable with it.
/// <paramref name="Name"/> is the full field name the checkboxes post as.
/// </summary>
public sealed record CheckList(string Name, string Legend, IReadOnlyList<CheckOption> Options, IReadOnlyCollection<string> Selected,
    string? Help = null, string? Empty = null, bool Searchable = false, bool LegendHidden = false)
{
    public string IdBase => CodeSettingsViewData.IdFor(Name);
}

/// <summary>One eligibility rule's inputs; <paramref name="Index"/> is a number, or the template's placeholder.</summary>
public sealed record EligibilityRuleRow(EligibilityRuleForm Rule, string Index, string Prefix,
    string CommandName, IReadOnlyList<CatalogOption> Catalog)
{
    public const string Placeholder = "__index__";

    public string Name(string field) => $"{Prefix}[{Index}].{field}";

    public string Id(string field) => CodeSettingsViewData.IdFor(Name(field));
}

/// <summary>Which settings fields a bulk update changes, or a group gives defaults for.</summary>
public sealed record FieldPicker(string Name, string Legend, IReadOnlyList<SettingField> Fields, IReadOnlyCollection<string> Picked, string? Help = null, string? Error = null,
    bool LegendHidden = false, bool Disabled = false)
{
    public string IdBase => CodeSettingsViewData.IdFor(Name);
}
