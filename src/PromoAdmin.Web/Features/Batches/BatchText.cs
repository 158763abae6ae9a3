using System.Globalization;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Web.Features.Batches;

/// <summary>How a batch reads on the pages.</summary>
public static class BatchText
{
    /// <summary>An instant in the location's time zone (the zone its codes' dates are read in).</summary>
    public static string LocalTime(DateTimeOffset at, Location? location)
    {
        var zone = TimeZoneInfo.Utc;
        if (location is not null && TimeZoneInfo.TryFindSystemTimeZoneById(location.TimeZone, out var found)) zone = found;
        return TimeZoneInfo.ConvertTime(at, zone).ToString("MMM d, yyyy h:mm tt", CultureInfo.InvariantCulture);
    }

    public static string StatusLabel(BatchStatus status) => status switch
    {
        BatchStatus.Generating => "Generating",
        BatchStatus.Ready => "Ready",
        _ => "Failed",
    };

    public static string StatusBadge(BatchStatus status) => status switch
    {
        BatchStatus.Generating => "text-bg-info",
        BatchStatus.Ready => "text-bg-success",
        _ => "text-bg-danger",
    };

    /// <summary>The JSON and data-attribute spelling of a status, as the progress script compares it.</summary>
    public static string StatusKey(BatchStatus status) => status.ToString().ToLowerInvariant();

    public static string Method(BatchSummary b) => b.Method == GenerationMethod.Segment ? "One per segment member" : "Number of codes";
}
