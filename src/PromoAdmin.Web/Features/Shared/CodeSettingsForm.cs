using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Shared;

public enum SettingsMode { Code, Bulk, Group }

/// <summary>The options a settings form offers, plus where the user works (for duplication and the bulk update).</summary>
public sealed record CodeSettingsOptions(SettingOptions Lists, Location? Current, IReadOnlyList<Location> Locations)
{
    public MoneyFormat Money => MoneyFormat.For(Lists.Currency);

    public IEnumerable<Location> OtherLocations => Locations.Where(l => l.Id != Current?.Id);
}

/// <summary>
/// Which fields of the settings form render and which start hidden: the code form shows every field; bulk update and group
/// defaults render only their pickable fields and hide the ones not picked (JavaScript shows them as they are picked).
/// </summary>
public sealed class SettingsView(SettingsMode mode, IEnumerable<string>? picked = null, bool readOnly = false)
{
    public SettingsMode Mode { get; } = mode;
    public bool ReadOnly { get; } = readOnly;
    public HashSet<string> Picked { get; } = [.. picked ?? []];

    public IReadOnlyList<SettingField> Pickable => Mode switch
    {
        SettingsMode.Bulk => SettingFields.Bulk,
        SettingsMode.Group => SettingFields.GroupDefaults,
        _ => SettingFields.All,
    };

    public bool IsCode => Mode == SettingsMode.Code;

    public bool Renders(SettingField field) => Pickable.Contains(field);

    public bool Hidden(SettingField field) => !IsCode && !Picked.Contains(field.Key);

    /// <summary>The fields of a section (and its sub-sections' when <paramref name="deep"/>) that render.</summary>
    public List<SettingField> FieldsOf(string section, bool deep = false) =>
        Pickable.Where(f => f.Section == section || (deep && SettingFields.Section(f.Section).Parent == section)).ToList();

    /// <summary>A section starts hidden when none of its rendered fields is picked.</summary>
    public bool SectionHidden(string section) => !IsCode && FieldsOf(section, deep: true).All(Hidden);
}

/// <summary>
/// What the code form page shows around the fields; <paramref name="QuantityLeft"/> and <paramref name="TimesUsed"/> are the
/// stored code's (null: Unlimited), read under the quantity input.
/// </summary>
public sealed record PromoCodeFormPage(bool IsNew, bool ReadOnly, string? Banner = null, string? Notice = null, int TimesUsed = 0, bool Archived = false,
    int? QuantityLeft = null);

/// <summary>Which settings fields a screen edits: all of them (a code, a batch) or the picked ones (bulk update, group defaults).</summary>
public sealed record SettingsPick(IReadOnlyList<SettingField> Pickable, List<string> Picked)
{
    public static SettingsPick Bulk(List<string> picked) => new(SettingFields.Bulk, picked);
    public static SettingsPick GroupDefaults(List<string> picked) => new(SettingFields.GroupDefaults, picked);
}

/// <summary>
/// The settings form component (docs/decisions/ADR-004-settings-form.md): every screen that edits code settings (a code,
/// a group's defaults, a batch, a bulk update) prepares the form, runs its re-render commands, checks it and shows the
/// domain's errors through this one class. The fields themselves come from <see cref="SettingFields"/>.
/// </summary>
public sealed class CodeSettingsForm(SettingOptionsService options, CurrentLocation currentLocation)
{
    /// <summary>
    /// A post that is not a save: the field picker's buttons (when the screen has a picker) or the form's no-JavaScript
    /// buttons (add a rule, quick-add a catalog group...). Returns the notice to show ("" for none), or null when the post is a save.
    /// Always trims the picked fields to the known ones.
    /// </summary>
    public async Task<string?> CommandAsync(ModelStateDictionary state, string? pickerCommand, PromoCodeForm values, SettingsPick? pick, CancellationToken ct)
    {
        if (pick is not null)
        {
            var known = pick.Pickable.Select(f => f.Key).ToHashSet();
            var picked = pick.Picked.Where(known.Contains).Distinct().ToList();
            pick.Picked.Clear();
            pick.Picked.AddRange(pickerCommand == "add-all-fields" ? known : picked);
            if (pickerCommand is "add-all-fields" or "pick-fields")
            {
                state.Clear();
                return "";
            }
        }
        var notice = await RunAsync(values, ct);
        if (notice is not null) state.Clear();
        // A quick-add sets Applicable groups (and for gift cards the switch): a picker shows and saves what it set.
        if (pick is not null && notice is not null && values.Command?.Split(':', 2) is ["quick-add", var group])
            foreach (var key in group == PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards ? ["applicableGroups", "includeGiftCards"] : new[] { "applicableGroups" })
                if (pick.Pickable.Any(f => f.Key == key) && !pick.Picked.Contains(key)) pick.Picked.Add(key);
        return notice;
    }

    /// <summary>
    /// The form-shape checks the domain cannot see, under <paramref name="prefix"/>; with a pick, only picked fields count
    /// (a stray value in a hidden input never blocks the save). True when the form can go to the domain.
    /// </summary>
    public static bool Check(ModelStateDictionary state, string prefix, PromoCodeForm values, SettingsPick? pick = null)
    {
        var picked = pick?.Picked.ToHashSet();
        var dot = prefix.Length == 0 ? "" : prefix + ".";
        foreach (var (field, message) in values.ShapeErrors(picked is null ? null : picked.Contains)) state.AddModelError(dot + field, message);
        if (pick is not null)
        {
            var counted = pick.Pickable.Where(f => picked!.Contains(f.Key)).SelectMany(PromoCodeForm.InputNamesOf).Select(n => dot + n).ToList();
            foreach (var key in state.Keys.Where(k => k.StartsWith(dot, StringComparison.Ordinal) && !counted.Any(c => k.StartsWith(c, StringComparison.Ordinal))).ToList())
                state.Remove(key);
        }
        return state.IsValid;
    }

    /// <summary>The domain's errors onto the inputs: the settings' under <paramref name="prefix"/>, the screen's own (<paramref name="screenKeys"/>) at the top level.</summary>
    public static void AddErrors(ModelStateDictionary state, DomainValidationException ex, string prefix = "", params string[] screenKeys)
    {
        var screen = ex.Errors.Where(e => screenKeys.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        var fields = ex.Errors.Where(e => !screenKeys.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        if (screen.Count > 0) state.AddDomainErrors(new DomainValidationException(screen));
        if (fields.Count > 0) state.AddDomainErrors(new DomainValidationException(fields), prefix);
    }

    /// <summary>Loads what the form offers and tells the view how to render it; call before returning the view.</summary>
    public async Task<CodeSettingsOptions> PrepareAsync(ViewDataDictionary viewData, PromoCodeForm values, SettingsView view, CancellationToken ct)
    {
        if (!view.ReadOnly) values.EnsureBlankExclusionRow();
        var loaded = new CodeSettingsOptions(await options.LoadAsync(values.Picks, ct), await currentLocation.GetAsync(ct), await currentLocation.AllAsync(ct));
        viewData.SetOptions(loaded);
        viewData.SetSettings(view);
        return loaded;
    }

    /// <summary>Copies a group's defaults onto the form ("copy the defaults onto this code, then customize"); null when it has none.</summary>
    public async Task<string?> CopyGroupDefaultsAsync(PromoCodeForm form, int groupId, CancellationToken ct)
    {
        var group = await options.GroupAsync(groupId, ct);
        if (group is null || !group.HasDefaultSettings) return null;
        form.Fill(Domain.Groups.PromoCodeGroupService.ReadDefaults(group) with { Code = null, GroupId = null });
        form.DefaultsAppliedFor = groupId;
        form.EnsureBlankExclusionRow();
        return $"Default settings from group {group.Name} copied onto the form.";
    }

    /// <summary>
    /// The no-JavaScript buttons: add or remove an eligibility rule or an exclusion date, quick-add a built-in catalog group,
    /// copy group defaults, search a long pick list (the re-render offers the matches).
    /// </summary>
    private async Task<string?> RunAsync(PromoCodeForm form, CancellationToken ct)
    {
        var command = form.Command ?? "";
        var (verb, arg) = command.Split(':', 2) is [var v, var a] ? (v, a) : (command, "");
        string? notice = null;
        switch (verb)
        {
            case "refresh" or "add-exclusion" or "find":
                notice = "";
                break;
            case "apply-defaults" when form.GroupId is int groupId:
                form.ApplyGroupDefaults = true;
                notice = await CopyGroupDefaultsAsync(form, groupId, ct) ?? "This group has no default settings.";
                break;
            case "add-rule":
                form.EligibilityRules.Add(new EligibilityRuleForm { Type = Enum.TryParse<EligibilityRuleType>(arg, out var type) ? type : EligibilityRuleType.MinimumQuantity });
                notice = "";
                break;
            case "remove-rule" when int.TryParse(arg, out var index) && index >= 0 && index < form.EligibilityRules.Count:
                form.EligibilityRules.RemoveAt(index);
                notice = "";
                break;
            case "remove-exclusion" when int.TryParse(arg, out var index) && index >= 0 && index < form.ExclusionDates.Count:
                form.ExclusionDates.RemoveAt(index);
                notice = "";
                break;
            case "quick-add" when CatalogGroupOption.BuiltInGroups.FirstOrDefault(g => g.Key == arg) is { } group:
                // The live group, not today's keys: an item added to the catalog later qualifies too (docs/rules.md#catalog-groups).
                form.ApplicableGroups = form.ApplicableGroups.Append(group.Key).Distinct().ToList();
                notice = $"Added the group {group.Name} to Applicable groups: every one, including any added to the catalog later, qualifies.";
                if (group.Key == PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards && !form.IncludeGiftCards)
                {
                    // Gift cards are left out unless the code includes them: the group alone would never apply.
                    form.IncludeGiftCards = true;
                    notice += " \"Applies to gift cards\" is now on.";
                }
                break;
        }
        if (notice is not null) form.EnsureBlankExclusionRow();
        return notice;
    }
}

public static class CodeSettingsViewData
{
    private const string OptionsKey = "CodeSettingsOptions";
    private const string SettingsKey = "CodeSettingsView";
    private const string PageKey = "PromoCodeFormPage";

    public static void SetOptions(this ViewDataDictionary v, CodeSettingsOptions options) => v[OptionsKey] = options;
    public static CodeSettingsOptions Options(this ViewDataDictionary v) => (CodeSettingsOptions)v[OptionsKey]!;
    public static void SetSettings(this ViewDataDictionary v, SettingsView settings) => v[SettingsKey] = settings;
    public static SettingsView Settings(this ViewDataDictionary v) => v[SettingsKey] as SettingsView ?? new SettingsView(SettingsMode.Code);
    public static void SetFormPage(this ViewDataDictionary v, PromoCodeFormPage page) => v[PageKey] = page;
    public static PromoCodeFormPage FormPage(this ViewDataDictionary v) => v[PageKey] as PromoCodeFormPage ?? new PromoCodeFormPage(true, false);

    /// <summary>An element id for a field name ("Defaults.Amount" reads "Defaults_Amount"), as the tag helpers make them.</summary>
    public static string IdFor(string name) => name.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
