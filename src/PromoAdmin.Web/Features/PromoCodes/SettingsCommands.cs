using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Web.Features.PromoCodes;

/// <summary>
/// The settings form's re-render buttons, for browsers without JavaScript (with it, promo-codes.js does the same in place):
/// add or remove an eligibility rule or an exclusion date, quick-add every item of a kind to Applicable to.
/// </summary>
public static class SettingsCommands
{
    /// <summary>Applies <see cref="PromoCodeForm.Command"/>; returns the notice to show ("" for none), or null when the post is a save.</summary>
    public static async Task<string?> ApplyAsync(PromoCodeForm form, PromoAdminDbContext db, CancellationToken ct)
    {
        var command = form.Command ?? "";
        var (verb, arg) = command.Split(':', 2) is [var v, var a] ? (v, a) : (command, "");
        string? notice = null;
        switch (verb)
        {
            case "refresh" or "add-exclusion":
                notice = "";
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
            case "quick-add" when Enum.TryParse<CatalogItemKind>(arg, ignoreCase: true, out var kind):
                var keys = await db.CatalogItems.AsNoTracking().Where(i => i.Kind == kind).OrderBy(i => i.Name).Select(i => i.Key).ToListAsync(ct);
                form.ApplicableTo = form.ApplicableTo.Union(keys).ToList();
                notice = $"Added {keys.Count} {kind.KindLabel().ToLowerInvariant()} to Applicable to.";
                break;
        }
        if (notice is not null) form.EnsureBlankExclusionRow();
        return notice;
    }

    /// <summary>
    /// Drops the errors of inputs whose field is not picked (a bulk update or group default sets only what is picked),
    /// so a stray value in a hidden input never blocks the save.
    /// </summary>
    public static void KeepPickedErrors(ModelStateDictionary state, string prefix, IEnumerable<SettingField> fields, IReadOnlySet<string> picked)
    {
        var counted = fields.Where(f => picked.Contains(f.Key)).SelectMany(f => f.InputNames.Append(f.Key))
            .Select(n => $"{prefix}.{char.ToUpperInvariant(n[0])}{n[1..]}").ToList();
        if (picked.Contains("quantity")) counted.Add($"{prefix}.QuantityChoice");
        if (picked.Contains("bookingTime")) counted.Add($"{prefix}.BookingTimes");
        foreach (var key in state.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal) && !counted.Any(c => k.StartsWith(c, StringComparison.Ordinal))).ToList())
            state.Remove(key);
    }
}
