using PromoAdmin.Domain.Batches;

namespace PromoAdmin.UnitTests.PromoCodes;

public sealed class CodeGeneratorTests
{
    [Fact]
    public void Codes_use_only_the_alphabet_without_look_alikes_and_have_the_asked_length()
    {
        for (var i = 0; i < 2000; i++)
        {
            var code = CodeGenerator.Next(12);
            Assert.Equal(12, code.Length);
            Assert.All(code, ch => Assert.Contains(ch, CodeGenerator.Alphabet));
        }
        Assert.DoesNotContain('0', CodeGenerator.Alphabet);
        Assert.DoesNotContain('O', CodeGenerator.Alphabet);
        Assert.DoesNotContain('1', CodeGenerator.Alphabet);
        Assert.DoesNotContain('I', CodeGenerator.Alphabet);
    }

    [Fact]
    public void A_prefix_is_kept_in_front_of_the_random_part()
    {
        var code = CodeGenerator.Next(8, "VIP-");
        Assert.StartsWith("VIP-", code);
        Assert.Equal(12, code.Length);
    }

    [Fact]
    public void Every_character_of_the_alphabet_turns_up_roughly_evenly()
    {
        var counts = new Dictionary<char, int>();
        for (var i = 0; i < 4000; i++)
            foreach (var ch in CodeGenerator.Next(8)) counts[ch] = counts.GetValueOrDefault(ch) + 1;
        Assert.Equal(CodeGenerator.Alphabet.Length, counts.Count);
        // 32,000 draws over 32 characters: 1,000 expected each; a fair generator stays well inside ±20%.
        Assert.All(counts.Values, n => Assert.InRange(n, 800, 1200));
    }

    [Theory]
    [InlineData(10_000, 4, true)]
    [InlineData(10_486, 4, false)]
    [InlineData(1_000_000, 5, false)]
    [InlineData(1_000_000, 6, true)]
    public void At_most_one_percent_of_the_space_may_be_handed_out(long count, int length, bool allowed) =>
        Assert.Equal(allowed, CodeGenerator.IsHardToGuess(count, length));

    [Theory]
    [InlineData(1, 4)]
    [InlineData(10_485, 4)]
    [InlineData(10_486, 5)]
    [InlineData(1_000_000, 6)]
    public void The_smallest_safe_length_is_named(long count, int length) =>
        Assert.Equal(length, CodeGenerator.SmallestSafeLength(count));
}
