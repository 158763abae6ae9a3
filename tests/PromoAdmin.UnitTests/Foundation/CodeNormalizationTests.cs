using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.UnitTests.Foundation;

public sealed class CodeNormalizationTests
{
    [Theory]
    [InlineData("summer 10", "SUMMER10")]
    [InlineData("Summer-10", "SUMMER10")]
    [InlineData("SUMMER10", "SUMMER10")]
    [InlineData(" vip_2026 ", "VIP_2026")]
    [InlineData("a-b c-d", "ABCD")]
    public void Codes_compare_ignoring_case_spaces_and_hyphens(string typed, string normalized) =>
        Assert.Equal(normalized, PromoCode.Normalize(typed));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(12.5, 1250)]
    [InlineData(19.99, 1999)]
    [InlineData(0.005, 1)]
    [InlineData(-3.25, -325)]
    public void Money_is_stored_as_whole_hundredths_and_read_back_exactly(double value, long stored)
    {
        var converter = new HundredthsConverter();
        var cents = (long)converter.ConvertToProvider((decimal)value)!;
        Assert.Equal(stored, cents);
        Assert.Equal(stored / 100m, (decimal)converter.ConvertFromProvider(cents)!);
    }

    [Fact]
    public void Instants_are_stored_as_utc_ticks_so_they_sort_across_offsets()
    {
        var converter = new UtcTicksConverter();
        var early = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(5));
        var late = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);
        Assert.True((long)converter.ConvertToProvider(early)! < (long)converter.ConvertToProvider(late)!);
    }

    [Fact]
    public void New_api_keys_are_random_prefixed_and_hash_to_64_hex_characters()
    {
        var a = ApiClientService.NewKey();
        var b = ApiClientService.NewKey();
        Assert.NotEqual(a, b);
        Assert.StartsWith("pa_", a);
        Assert.True(a.Length >= 40);
        Assert.Matches("^[0-9A-F]{64}$", ApiClientService.Hash(a));
        Assert.Equal(ApiClientService.Hash(a), ApiClientService.Hash(a));
    }
}
