using System.Globalization;
using System.Text.RegularExpressions;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.UnitTests.PromoCodes;

/// <summary>
/// Why the code filter is a LIKE prefix on SQL Server: its default collation compares linguistically, ignoring case, like
/// ICU's <see cref="CompareInfo"/> with IgnoreCase. Over every character a normalised code can end a prefix with, the
/// old range [prefix, prefix with its last character + 1) loses the codes of exactly Z and 9, and the LIKE pattern keeps them all.
/// </summary>
public sealed class CodePrefixCollationTests
{
    private static readonly CompareInfo Linguistic = CultureInfo.GetCultureInfo("en-US").CompareInfo;
    private static readonly string Allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    /// <summary>A code in the range under a case-insensitive linguistic collation.</summary>
    private static bool InOldRange(string code, string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return Linguistic.Compare(code, prefix, CompareOptions.IgnoreCase) >= 0 && Linguistic.Compare(code, upper, CompareOptions.IgnoreCase) < 0;
    }

    /// <summary>SQL's LIKE with '\' as escape, ignoring case as a case-insensitive collation does.</summary>
    private static bool Like(string value, string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) regex.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '%') regex.Append(".*");
            else if (c == '_') regex.Append('.');
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return Regex.IsMatch(value, regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    [Fact]
    public void The_old_range_misses_exactly_the_prefixes_ending_in_Z_and_9_and_the_like_prefix_misses_none()
    {
        var missedByRange = new List<char>();
        foreach (var last in Allowed)
        {
            var prefix = "SUM" + last;
            var codes = Allowed.Select(next => prefix + next + "10").ToList();
            if (codes.Any(code => !InOldRange(code, prefix))) missedByRange.Add(last);
            Assert.All(codes, code => Assert.True(Like(code, PromoCodeService.LikePrefix(prefix)), $"{code} not matched by {PromoCodeService.LikePrefix(prefix)}"));
            // ...and nothing that does not start with the prefix.
            Assert.False(Like("X" + prefix, PromoCodeService.LikePrefix(prefix)));
        }
        Assert.Equal(['9', 'Z'], missedByRange.Order().ToArray());
    }

    [Fact]
    public void The_like_prefix_escapes_the_wildcards_a_code_may_contain()
    {
        Assert.Equal(@"VIP\_10%", PromoCodeService.LikePrefix("VIP_10"));
        Assert.False(Like("VIPX10", PromoCodeService.LikePrefix("VIP_10")));
        Assert.True(Like("VIP_10OFF", PromoCodeService.LikePrefix("VIP_10")));
        Assert.Equal(@"A\%\[\\%", PromoCodeService.LikePrefix(@"A%[\"));
    }
}
