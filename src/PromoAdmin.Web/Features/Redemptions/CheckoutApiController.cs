using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Redemptions;

public sealed record CheckoutError(string Reason, string Message);

public sealed record LineDiscountDto(string LineId, decimal Amount);

public sealed record DiscountDto(decimal Total, IReadOnlyList<LineDiscountDto> Lines, decimal ShippingDiscount, bool FreeShipping, decimal CreditFromOverage);

public sealed record ValidateResponse(bool Valid, string Code, string? Display, IReadOnlyList<CheckoutError> Errors, DiscountDto? Discount);

public sealed record RedeemResponse(bool Valid, long? RedemptionId, string Code, string? Display, IReadOnlyList<CheckoutError> Errors, DiscountDto? Discount);

public sealed record PingResponse(bool Ok);

public sealed record VoidResponse(long RedemptionId, string Status, bool VoidedNow);

[ApiController]
[Tags("Checkout")]
[Route("api/v1/checkout")]
[Authorize(Policy = Policies.ApiCheckout)]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(CheckoutRateLimits.Policy)]
[Produces("application/json")]
public sealed class CheckoutApiController(CheckoutService checkout, IdempotencyStore idempotency, GuessingBrake brake, IOptions<JsonOptions> json) : ControllerBase
{
    private int ClientId => int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);

    /// <summary>A trivial endpoint behind the same key check and limits: the yardstick of the load benchmark, and a connectivity check for integrators.</summary>
    [HttpGet("ping")]
    public PingResponse Ping()
    {
        RequestLog.MarkRoutine(HttpContext);
        return new(true);
    }

    /// <summary>Evaluates a code against a cart: every failing check in order, and the discount when valid.</summary>
    [HttpPost("validate")]
    public async Task<ActionResult<ValidateResponse>> Validate(CheckoutRequest request, CancellationToken ct)
    {
        RequestLog.SetLocation(HttpContext, request.LocationKey);
        if (brake.IsBraked(ClientId, out var retryAfter)) return TooManyGuesses(retryAfter);
        var verdict = await checkout.ValidateAsync(request, ct);
        NoteGuess(verdict);
        var r = verdict.Result;
        if (r.IsValid) RequestLog.MarkRoutine(HttpContext);
        return new ValidateResponse(r.IsValid, verdict.CodeText, verdict.Code?.Display, Errors(r), r.IsValid ? Map(r.Discount) : null);
    }

    /// <summary>
    /// Validates and takes one usage in one transaction. With an Idempotency-Key: the same key and body replays the first
    /// answer, another body is 422, and while the first request still runs 409 with Retry-After (docs/errors.md).
    /// </summary>
    [HttpPost("redeem")]
    [ProducesResponseType<RedeemResponse>(200)]
    [ProducesResponseType<RedeemResponse>(422)]
    public async Task<IActionResult> Redeem(CheckoutRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        RequestLog.SetLocation(HttpContext, request.LocationKey);
        if (brake.IsBraked(ClientId, out var retryAfter)) return TooManyGuesses(retryAfter);
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return Answer(await RedeemOnceAsync(request, null, ct));
        if (idempotencyKey.Length > 200) throw new DomainValidationException("Idempotency-Key", "Idempotency-Key must be 200 characters or fewer.");

        var hash = IdempotencyStore.Hash(JsonSerializer.SerializeToUtf8Bytes(request, json.Value.JsonSerializerOptions));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            switch (await idempotency.ClaimAsync(ClientId, idempotencyKey, hash, ct))
            {
                case IdempotencyClaim.Replay replay:
                    Response.Headers["Idempotent-Replayed"] = "true";
                    return new ContentResult { StatusCode = replay.StatusCode, Content = replay.ResponseJson, ContentType = "application/json" };
                case IdempotencyClaim.Mismatch:
                    return Problem(statusCode: 422, title: "Idempotency-Key reused",
                        detail: "This Idempotency-Key was already used with a different request body.");
                case IdempotencyClaim.InProgress:
                    Response.Headers.RetryAfter = "1";
                    return Problem(statusCode: 409, title: "Request in progress",
                        detail: $"A request with this Idempotency-Key is still being processed. Retry in a second (it is taken over after {IdempotencyStore.Lease.TotalSeconds:0} s if it never finishes).");
                case IdempotencyClaim.Owned owned:
                    RedeemResult result;
                    try
                    {
                        // A redemption and its recorded answer commit together: a crash leaves both or neither.
                        result = await RedeemOnceAsync(request, (r, c) => idempotency.CompleteAsync(owned, StatusOf(r), Serialize(r), c), ct);
                        if (result.Outcome == RedeemOutcome.Rejected) await idempotency.CompleteAsync(owned, StatusOf(result), Serialize(result), CancellationToken.None);
                    }
                    catch
                    {
                        // An error, or the client went away: nothing was redeemed, so free the key for the retry.
                        await idempotency.ReleaseAsync(owned);
                        throw;
                    }
                    if (result.Outcome == RedeemOutcome.Superseded) continue; // a retry took the key over: answer what it answered
                    return Answer(result);
            }
        }
        Response.Headers.RetryAfter = "1";
        return Problem(statusCode: 409, title: "Request in progress", detail: "A request with this Idempotency-Key is still being processed. Retry in a second.");
    }

    /// <summary>Gives the usage back. Voiding twice is a no-op. A checkout key voids only its own redemptions; an admin key any.</summary>
    [HttpPost("redemptions/{id:long}/void")]
    public async Task<VoidResponse> Void(long id, CancellationToken ct)
    {
        var mayVoidAny = User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiScopes.Admin);
        var result = await checkout.VoidAsync(id, mayVoidAny ? null : ClientId, ct);
        return new VoidResponse(result.RedemptionId, "voided", result.VoidedNow);
    }

    private async Task<RedeemResult> RedeemOnceAsync(CheckoutRequest request, RecordAnswer? recordAnswer, CancellationToken ct)
    {
        var result = await checkout.RedeemAsync(request, ClientId, recordAnswer, ct);
        NoteGuess(result.Verdict);
        return result;
    }

    private static int StatusOf(RedeemResult result) => result.Outcome == RedeemOutcome.Redeemed ? 200 : 422;

    private static RedeemResponse BodyOf(RedeemResult result)
    {
        var r = result.Verdict.Result;
        var redeemed = result.Outcome == RedeemOutcome.Redeemed;
        return new RedeemResponse(redeemed, result.RedemptionId, result.Verdict.CodeText, result.Verdict.Code?.Display, Errors(r), redeemed ? Map(r.Discount) : null);
    }

    private string Serialize(RedeemResult result) => JsonSerializer.Serialize(BodyOf(result), json.Value.JsonSerializerOptions);

    private static ObjectResult Answer(RedeemResult result) => new(BodyOf(result)) { StatusCode = StatusOf(result) };

    private void NoteGuess(CheckoutVerdict verdict)
    {
        if (verdict.UnknownCodes > 0) brake.NoteNotFound(ClientId, verdict.UnknownCodes);
    }

    private ObjectResult TooManyGuesses(TimeSpan retryAfter)
    {
        Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problem(statusCode: 429, title: "Too many unknown codes",
            detail: "This API client asked for too many codes that do not exist. Wait before trying again.");
    }

    private static List<CheckoutError> Errors(EvaluationResult r) => r.Errors.Select(e => new CheckoutError(e.Code, e.Message)).ToList();

    private static DiscountDto? Map(PromoAdmin.Checkout.Discounts.Discount? d) => d is null ? null
        : new DiscountDto(d.Total, d.Lines.Select(l => new LineDiscountDto(l.LineId, l.Amount)).ToList(), d.ShippingDiscount, d.FreeShipping, d.CreditFromOverage);
}
