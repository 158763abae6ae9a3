using PromoAdmin.Domain.Batches;

namespace PromoAdmin.UnitTests.Batches;

public sealed class CodePoolTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(32)]
    public void A_pool_hands_out_codes_of_the_length_from_the_alphabet_in_ordinal_order(int length)
    {
        var pool = CodePool.Create(5_000, length);
        Assert.Equal(5_000, pool.Remaining);
        var first = pool.Take(3_000);
        var rest = pool.Take(3_000);
        Assert.Equal((3_000, 2_000, 0), (first.Count, rest.Count, pool.Remaining));
        var all = first.Concat(rest).ToList();
        Assert.All(all, c =>
        {
            Assert.Equal(length, c.Length);
            Assert.All(c, ch => Assert.Contains(ch, CodeGenerator.Alphabet));
        });
        // Sorted on the first 12 characters (what the indexes see first); beyond them order does not matter.
        var keys = all.Select(c => c[..Math.Min(12, length)]).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Empty(pool.Take(10));
    }

    [Fact]
    public void Pool_codes_are_uniform_over_the_alphabet_in_every_position()
    {
        var codes = CodePool.Create(64_000, 14).Take(64_000);
        for (var position = 0; position < 14; position++)
        {
            var counts = codes.GroupBy(c => c[position]).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(32, counts.Count);
            // 2,000 expected per character and position; a fair generator stays well inside ±15%.
            Assert.All(counts.Values, n => Assert.InRange(n, 1_700, 2_300));
        }
    }

    [Fact]
    public void A_million_codes_of_ten_characters_come_out_distinct_enough_from_a_pool_of_8_bytes_a_code()
    {
        // What keeps a million-code batch fast is that the pool is one sorted array of packed keys, drawn in one pass:
        // its memory shows that, where a clock would measure the machine. 8 bytes a code, and one buffer of random bytes.
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var pool = CodePool.Create(1_000_000, 10);
        var poolBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var codes = pool.Take(1_000_000);
        // 1e6 draws from 32^10 ≈ 1.1e15: about 0.4 collisions expected; more than 5 would mean a broken generator.
        Assert.InRange(codes.Count - codes.Distinct().Count(), 0, 5);
        Assert.InRange(poolBytes, 8_000_000, 8_200_000);
    }

    [Fact]
    public void The_guessability_message_names_the_request_and_the_smallest_length_that_works()
    {
        var message = BatchRequestValidator.GuessableMessage(20_000, 4);
        Assert.Equal("20,000 codes of 4 characters would fill more than 1% of the 1,048,576 possible codes, so they would be easy to guess. Use at least 5 characters.", message);
        Assert.EndsWith("Use at least 6 characters.", BatchRequestValidator.GuessableMessage(1_000_000, 5));
    }
}
