using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Web.Features.Shared;

/// <summary>What a field-kind partial of the settings form needs: the field, its input names under the form's prefix, its values and errors.</summary>
public sealed class SettingFieldView(SettingField field, ViewDataDictionary viewData)
{
    private const string Key = "SettingField";

    public SettingField Field { get; } = field;

    /// <summary>The form property of a one-input field ("amount" reads "Amount").</summary>
    public string Prop => PromoCodeForm.Pascal(Field.JsonNames[0]);

    /// <summary>The form property of a range's or quantity's choice ("PurchaseDates", "QuantityChoice").</summary>
    public string ChoiceProp => PromoCodeForm.Pascal(Field.Kind == SettingKind.Quantity ? Field.Key + "Choice" : Field.Key);

    public string StartProp => PromoCodeForm.Pascal(Field.JsonNames[0]);

    public string EndProp => PromoCodeForm.Pascal(Field.JsonNames[^1]);

    public string Name(string prop) => viewData.TemplateInfo.GetFullHtmlFieldName(prop);

    public string Id(string prop) => CodeSettingsViewData.IdFor(Name(prop));

    public object? Value(string prop) => viewData.Eval(prop);

    /// <summary>The value as the input shows it: what was posted when it did not bind (so a typo stays on screen), else the model's.</summary>
    public string? Text(string prop, string? format = null)
    {
        if (viewData.ModelState.TryGetValue(Name(prop), out var entry) && entry.Errors.Count > 0 && entry.AttemptedValue is not null) return entry.AttemptedValue;
        var value = Value(prop);
        return value switch
        {
            null => null,
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f when format is not null => f.ToString(format, System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    public bool Invalid(string prop) => viewData.ModelState.TryGetValue(Name(prop), out var entry) && entry.Errors.Count > 0;

    /// <summary>"RedemptionType=Percentage" with the form's prefix, as the form's script reads data-show-if.</summary>
    public string? Condition(string? condition) => condition is null ? null : Name(condition.Split('=')[0]) + "=" + condition.Split('=')[1];

    public static ViewDataDictionary For(SettingField field, ViewDataDictionary parent) => new(parent) { [Key] = field };

    public static SettingFieldView Of(ViewDataDictionary viewData) => new((SettingField)viewData[Key]!, viewData);
}

/// <summary>How the settings form lays out and labels what the field list does not say: column widths and the fixed choices.</summary>
public static class SettingLayout
{
    /// <summary>The partial that edits a kind of field.</summary>
    public static string Partial(SettingKind kind) => "/Features/Shared/CodeSettings/_" + kind switch
    {
        SettingKind.LongText => "Text",
        SettingKind.DateRange or SettingKind.TimeRange => "Range",
        _ => kind.ToString(),
    } + ".cshtml";

    /// <summary>The grid column a field takes.</summary>
    public static string Column(SettingField field) => field.Kind switch
    {
        SettingKind.LongText or SettingKind.Rules => "col-12",
        // An item list and its catalog groups side by side: Applicable to | Applicable groups, Excluded items | Excluded groups.
        SettingKind.Items => "col-lg-8",
        SettingKind.CatalogGroups => "col-lg-4",
        SettingKind.Text or SettingKind.Quantity => "col-md-8",
        SettingKind.PerCustomer => "col-md-6",
        SettingKind.Lookup when field.Section == "reporting" => "col-md-6 col-xl-3",
        SettingKind.Group or SettingKind.Lookup or SettingKind.Switch => "col-md-6",
        SettingKind.DateRange when field.Section == "purchase" => "col-12",
        SettingKind.DateRange or SettingKind.TimeRange or SettingKind.Days or SettingKind.DateList => "col-lg-6",
        _ => "col-md-4",
    };

    /// <summary>Within a section the group comes first (it pre-fills the rest), switches after the inputs, lists last (in the list's order).</summary>
    public static int Rank(SettingField field) => field.Kind switch
    {
        SettingKind.Group => 0,
        SettingKind.Switch => 2,
        SettingKind.Items or SettingKind.CatalogGroups or SettingKind.Rules => 3,
        _ => 1,
    };

    /// <summary>The quick-add buttons of Applicable to: each adds a built-in catalog group to Applicable groups.</summary>
    public static IReadOnlyList<(string Key, string Text)> QuickAdd { get; } =
    [
        (PromoAdmin.Checkout.Carts.CatalogGroups.AllEvents, "All games"),
        (PromoAdmin.Checkout.Carts.CatalogGroups.AllItems, "All items"),
        (PromoAdmin.Checkout.Carts.CatalogGroups.AllGiftCards, "All gift card types"),
    ];

    /// <summary>The options of a <see cref="SettingKind.Choice"/> field, as (value, text).</summary>
    public static IEnumerable<(string Value, string Text)> Choices(string? options) => options switch
    {
        "redemptionTypes" => [("Percentage", "Percentage discount"), ("Value", "Value discount")],
        "valueScopes" => [("PerTransaction", "Per transaction"), ("PerLineItem", "Per line item (recommended)"), ("PerQuantity", "Per quantity")],
        "usagePeriods" => [("Ever", "in total"), ("Day", "per day"), ("Week", "per week"), ("Month", "per month")],
        _ => [],
    };
}
