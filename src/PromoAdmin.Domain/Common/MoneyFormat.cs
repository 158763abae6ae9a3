using System.Collections.Concurrent;
using System.Globalization;

namespace PromoAdmin.Domain.Common;

/// <summary>
/// How money reads on the pages (docs/rules.md#times-and-money): in the account's currency, written as that currency's
/// home culture writes it (symbol, its side, decimal separator, grouping): USD <c>$1,234.50</c>, EUR <c>1.234,50 €</c>,
/// GBP <c>£1,234.50</c>. CSV files and the API keep plain invariant numbers.
/// </summary>
public sealed class MoneyFormat
{
    /// <summary>
    /// Where the rule of <see cref="CultureOf"/> would pick another culture: the euro (no one country's) and countries
    /// whose first home culture is not the one their money is usually written in (cy-GB, as-IN, mi-NZ, gsw-CH).
    /// </summary>
    private static readonly Dictionary<string, string> Preferred = new(StringComparer.Ordinal)
    {
        ["USD"] = "en-US", ["EUR"] = "de-DE", ["GBP"] = "en-GB", ["INR"] = "en-IN", ["NZD"] = "en-NZ", ["CAD"] = "en-CA",
        ["AUD"] = "en-AU", ["ZAR"] = "en-ZA", ["SGD"] = "en-SG", ["HKD"] = "zh-HK", ["CHF"] = "de-CH",
    };

    private static readonly ConcurrentDictionary<string, MoneyFormat> Cache = new(StringComparer.Ordinal);

    private readonly NumberFormatInfo format;

    private MoneyFormat(string currency, NumberFormatInfo format)
    {
        Currency = currency;
        this.format = format;
    }

    /// <summary>The ISO 4217 code ("EUR").</summary>
    public string Currency { get; }

    /// <summary>"€": what a money input's addon shows.</summary>
    public string Symbol => format.CurrencySymbol;

    /// <summary>The culture writes the symbol after the number ("1.234,50 €").</summary>
    public bool SymbolAfter => format.CurrencyPositivePattern is 1 or 3;

    /// <summary>
    /// An amount with the culture's decimals; more (two, as money is stored) when the amount has them, so that a
    /// no-decimals currency never hides a fraction by rounding.
    /// </summary>
    public string Format(decimal amount)
    {
        var digits = format.CurrencyDecimalDigits;
        return amount == Math.Round(amount, digits)
            ? amount.ToString("C", format)
            : amount.ToString("C" + Math.Max(digits, 2).ToString(CultureInfo.InvariantCulture), format);
    }

    /// <summary>The account's currency (blank is USD, the default); a code no culture knows reads "1,234.50 XYZ".</summary>
    public static MoneyFormat For(string? isoCode) =>
        Cache.GetOrAdd(string.IsNullOrWhiteSpace(isoCode) ? "USD" : isoCode.Trim().ToUpperInvariant(), code =>
        {
            var culture = CultureOf(code);
            NumberFormatInfo format;
            if (culture is null)
            {
                format = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
                (format.CurrencySymbol, format.CurrencyPositivePattern, format.CurrencyNegativePattern, format.CurrencyDecimalDigits) = (code, 3, 8, 2);
            }
            else format = culture.NumberFormat;
            return new MoneyFormat(code, NumberFormatInfo.ReadOnly(format));
        });

    /// <summary>
    /// The preferred culture; else the currency's country (a national currency's code starts with its ISO 3166 country
    /// code: SEK is Sweden's), in the language whose home it is (Swedish, sv-SE, not en-SE), else its first culture by name;
    /// else the first culture by name whose region uses the currency.
    /// </summary>
    private static CultureInfo? CultureOf(string code)
    {
        if (Preferred.TryGetValue(code, out var name)) return CultureInfo.GetCultureInfo(name);
        var users = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => RegionOf(c)?.ISOCurrencySymbol == code)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var country = users.Where(c => code.Length == 3 && RegionOf(c)!.TwoLetterISORegionName == code[..2]).ToList();
        var found = country.Find(IsLanguagesHome) ?? country.FirstOrDefault() ?? users.FirstOrDefault();
        return found is null ? null : CultureInfo.GetCultureInfo(found.Name);
    }

    /// <summary>sv-SE is Swedish's home culture; en-SE is not English's.</summary>
    private static bool IsLanguagesHome(CultureInfo culture)
    {
        try { return CultureInfo.CreateSpecificCulture(culture.TwoLetterISOLanguageName).Name == culture.Name; }
        catch (CultureNotFoundException) { return false; }
    }

    private static RegionInfo? RegionOf(CultureInfo culture)
    {
        try { return new RegionInfo(culture.Name); }
        catch (ArgumentException) { return null; }
    }
}
