using System.Diagnostics.Metrics;

namespace PromoAdmin.Domain.Common;

/// <summary>
/// The product's own counters (meter <see cref="MeterName"/>), read at <c>/metrics</c> (docs/operations.md#metrics). Each is
/// counted where its outcome is decided: checkout outcomes where the reports count them (<see cref="Reports.ValidationTally"/>),
/// a void in its transaction's result, batch codes as a chunk commits, refusals where the limiter or a brake answers 429.
/// Without a listener an increment costs nothing. One meter per process, not per host: OpenTelemetry tells meters apart by
/// name, so two hosts in one process (the tests) each reading their own same-named meter would see only one of them.
/// </summary>
public sealed class PromoAdminMetrics
{
    public const string MeterName = "PromoAdmin";

    /// <summary>The <c>limit</c> label of <see cref="RateLimitRefused"/>.</summary>
    public const string RateLimit = "rate_limit", GuessingBrake = "guessing_brake", UnknownApiKeyBrake = "unknown_api_key_brake";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Validations = Meter.CreateCounter<long>("promoadmin.checkout.validations", "{validation}",
        "Checkout validations by result (valid, refused) and, when refused, the first reason");
    private static readonly Counter<long> Redemptions = Meter.CreateCounter<long>("promoadmin.checkout.redemptions", "{redemption}",
        "Checkout redeems by result (redeemed, refused) and, when refused, the first reason");
    private static readonly Counter<long> Voids = Meter.CreateCounter<long>("promoadmin.checkout.voids", "{void}", "Redemptions voided (a repeated void is not counted)");
    private static readonly Counter<long> BatchCodes = Meter.CreateCounter<long>("promoadmin.batches.codes_generated", "{code}", "Codes written by batch generation");
    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>("promoadmin.rate_limit.refusals", "{request}",
        "Requests answered 429, by limit: rate_limit (per API client), guessing_brake (unknown codes), unknown_api_key_brake (per address)");

    // Instance members over the process's counters: the services take them as a dependency like any other.
    private readonly Counter<long> validations = Validations, redemptions = Redemptions, voids = Voids, batchCodes = BatchCodes, refusals = Refusals;

    /// <summary>A validate or redeem ended: <paramref name="reason"/> is null when it went through.</summary>
    public void CheckoutOutcome(bool redeem, string? reason)
    {
        var counter = redeem ? redemptions : validations;
        if (reason is null) counter.Add(1, new KeyValuePair<string, object?>("result", redeem ? "redeemed" : "valid"));
        else counter.Add(1, new KeyValuePair<string, object?>("result", "refused"), new KeyValuePair<string, object?>("reason", reason));
    }

    public void Voided() => voids.Add(1);

    public void BatchCodesGenerated(int count)
    {
        if (count > 0) batchCodes.Add(count);
    }

    public void RateLimitRefused(string limit) => refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
