using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Shared;

/// <summary>
/// Every instant a page shows: <c>&lt;local-time at="@x" /&gt;</c> writes <c>&lt;time datetime="…Z"&gt;2026-12-07 14:05 UTC+1&lt;/time&gt;</c>
/// (<see cref="LocalTime"/>, docs/rules.md#times-and-money). The zone is the row's own location's when it has one (by
/// <see cref="Location"/>, <see cref="LocationId"/> or <see cref="LocationKey"/>), else the current location's, else UTC.
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(CurrentLocation currentLocation) : TagHelper
{
    public DateTimeOffset? At { get; set; }

    public Location? Location { get; set; }

    public int? LocationId { get; set; }

    public string? LocationKey { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        if (At is not { } at)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "time";
        output.Attributes.SetAttribute("datetime", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        output.Content.SetContent(LocalTime.Format(at, LocalTime.Zone((await LocationAsync())?.TimeZone)));
    }

    private async Task<Location?> LocationAsync()
    {
        if (Location is not null) return Location;
        if (LocationId is not null || LocationKey is not null)
        {
            // The locations the user sees; a row of another (or a deleted) one reads in the current location's zone, labelled so.
            var own = (await currentLocation.AllAsync()).Find(l => l.Id == LocationId || (LocationKey is not null && l.Key == LocationKey));
            if (own is not null) return own;
        }
        return await currentLocation.GetAsync();
    }
}
