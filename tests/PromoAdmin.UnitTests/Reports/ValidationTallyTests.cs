using PromoAdmin.Domain.Reports;

namespace PromoAdmin.UnitTests.Reports;

public sealed class ValidationTallyTests
{
    [Fact]
    public async Task Counting_from_many_threads_while_another_takes_loses_and_doubles_nothing()
    {
        var tally = new ValidationTally();
        var today = new DateOnly(2026, 12, 7);
        var keys = Enumerable.Range(0, 5).Select(i => new ValidationTally.Key(1, today, "valid", i)).ToArray();
        var taken = new long[keys.Length];
        using var counting = new CancellationTokenSource();
        var taker = Task.Run(() =>
        {
            void TakeOnce()
            {
                foreach (var (key, count) in tally.Take(today)) taken[key.PromoCodeId] += count;
            }
            while (!counting.IsCancellationRequested) TakeOnce();
            TakeOnce(); // what was counted after the last pass
        });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++) tally.Add(keys[(i + t) % keys.Length], 1);
        })));
        await counting.CancelAsync();
        await taker;
        Assert.Equal(4 * 50_000, taken.Sum());
        Assert.All(taken, t => Assert.Equal(4 * 50_000 / keys.Length, t));
    }

    [Fact]
    public void Counters_of_days_long_done_are_forgotten_once_taken()
    {
        var tally = new ValidationTally();
        var today = new DateOnly(2026, 12, 7);
        tally.Add(new ValidationTally.Key(1, today.AddDays(-3), "valid", 1), 2);
        tally.Add(new ValidationTally.Key(1, today, "valid", 1), 1);
        Assert.Equal(2, tally.Take(today).Count);
        Assert.Empty(tally.Take(today)); // nothing new; the old day's counter goes
        tally.Add(new ValidationTally.Key(1, today, "valid", 1), 1);
        Assert.Equal([1L], tally.Take(today).Select(t => t.Count));
    }
}
