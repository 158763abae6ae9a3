using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PromoAdmin.Domain.Data;

/// <summary>Stores a decimal with two places as a whole number of hundredths (cents, or basis points of a percent).</summary>
public sealed class HundredthsConverter() : ValueConverter<decimal, long>(
    v => (long)Math.Round(v * 100m, MidpointRounding.AwayFromZero),
    v => v / 100m);

/// <summary>Stores an instant as UTC ticks so that SQLite orders and compares it correctly.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
