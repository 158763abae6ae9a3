using System.Globalization;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.PromoCodes;

namespace PromoAdmin.Web.Features.Shared;

/// <summary>
/// One option of a picker, as the page renders it and as the pickers' search endpoints answer it (the script adds those
/// it was not given). <paramref name="Events"/>: picking it makes the code apply to events (the form then shows booking rules).
/// </summary>
public sealed record CheckOption(string Value, string Label, string? Hint = null, string? Group = null, bool Events = false)
{
    public static CheckOption Of(CatalogOption item) =>
        new(item.Key, item.Name, item.Key, item.Kind.KindLabel(), item.Kind == CatalogItemKind.Event);

    public static CheckOption Of(CodeOption code) => new(code.Id.ToString(CultureInfo.InvariantCulture), code.Code, code.Description);

    public static CheckOption Of(CampaignOption campaign) => new(campaign.Id.ToString(CultureInfo.InvariantCulture), campaign.Name);

    public static CheckOption Of(SegmentSummary segment) => new(segment.Id.ToString(CultureInfo.InvariantCulture),
        $"{segment.Name} ({segment.MemberCount.ToString("N0", CultureInfo.InvariantCulture)} customer{(segment.MemberCount == 1 ? "" : "s")})");

    /// <summary>The label or hint contains the text, ignoring case (as the script and the search endpoints match).</summary>
    public bool Matches(string text) =>
        Label.Contains(text, StringComparison.OrdinalIgnoreCase) || (Hint?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
}

/// <summary>
/// The server-side search of a long list (more than <see cref="SettingOptionsService.PickerOptions"/> options): the JSON
/// endpoint the script asks as the user types, and a search box that without JavaScript posts its text with a re-render
/// button, so that the page comes back with the matches. The page renders only the picked options and the first ones.
/// </summary>
public sealed record PickerSearch(string? Url, string InputName, string? Text, string ButtonName, string ButtonValue, string Label, string? Placeholder = null)
{
    /// <summary>The longest search text a picker takes.</summary>
    public const int MaxText = 100;

    public string InputId => CodeSettingsViewData.IdFor(InputName);

    /// <summary>The options a long list renders: the picked ones, and the first <see cref="SettingOptionsService.PickerOptions"/> or (after a search) the matches.</summary>
    public static List<CheckOption> Shown(IEnumerable<CheckOption> all, IReadOnlyCollection<string> picked, string? text)
    {
        var shown = new List<CheckOption>();
        var first = 0;
        foreach (var option in all)
        {
            if (picked.Contains(option.Value) || (text is null ? first < SettingOptionsService.PickerOptions : option.Matches(text))) shown.Add(option);
            first++;
        }
        return shown;
    }

    /// <summary>A search text as a picker takes it: trimmed, at most <see cref="MaxText"/> characters, null when blank.</summary>
    public static string? Clean(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxText ? trimmed[..MaxText] : trimmed;
    }
}

/// <summary>
/// A multi-select as a scrollable list of checkboxes: usable without JavaScript (no ctrl-click); with it, searchable
/// (<paramref name="Searchable"/>) and usable from the keyboard. With <paramref name="Search"/> the list is long and searched on the server.
/// <paramref name="Name"/> is the full field name the checkboxes post as.
/// </summary>
public sealed record CheckList(string Name, string Legend, IReadOnlyList<CheckOption> Options, IReadOnlyCollection<string> Selected,
    string? Help = null, string? Empty = null, bool Searchable = false, bool LegendHidden = false, PickerSearch? Search = null)
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
