using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.Checkout;
using PromoAdmin.Domain.Common;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Checkout;

public sealed record CheckoutError(string Reason, string Message);

public sealed record LineDiscountDto(string LineId, decimal Amount);

public sealed record DiscountDto(decimal Total, IReadOnlyList<LineDiscountDto> Lines, decimal ShippingDiscount, bool FreeShipping, decimal CreditFromOverage);

public sealed record ValidateResponse(bool Valid, string Code, string? Display, IReadOnlyList<CheckoutError> Errors, DiscountDto? Discount);

public sealed record RedeemResponse(bool Valid, long? RedemptionId, string Code, string? Display, IReadOnlyList<CheckoutError> Errors, DiscountDto? Discount);

public sealed record PingResponse(bool Ok);

public sealed record VoidResponse(long RedemptionId, string Status, bool VoidedNow);

[ApiController]
[Route("api/v1/checkout")]
[Authorize(Policy = Policies.ApiCheckout)]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(CheckoutRateLimits.Policy)]
[Produces("application/json")]
[TypeFilter(typeof(DomainExceptionFilter))]
public sealed class CheckoutApiController(CheckoutService checkout, IdempotencyStore idempotency, GuessingBrake brake, IOptions<JsonOptions> json) : ControllerBase
{
    private int ClientId => int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    /// <summary>A trivial endpoint behind the same key check and limits: the yardstick of the load benchmark, and a connectivity check for integrators.</summary>
    [HttpGet("ping")]
    public PingResponse Ping() => new(true);

    /// <summary>Evaluates a code against a cart: every failing check in order, and the discount when valid.</summary>
    [HttpPost("validate")]
    public async Task<ActionResult<ValidateResponse>> Validate(CheckoutRequest request, CancellationToken ct)
    {
        if (brake.IsBraked(ClientId, out var retryAfter)) return TooManyGuesses(retryAfter);
        var verdict = await checkout.EvaluateAsync(request, ct: ct);
        NoteGuess(verdict);
        var r = verdict.Result;
        return new ValidateResponse(r.IsValid, verdict.CodeText, verdict.Code?.Display, Errors(r), r.IsValid ? Map(r.Discount) : null);
    }

    /// <summary>Validates and takes one usage in one transaction. Replaying an Idempotency-Key returns the first answer.</summary>
    [HttpPost("redeem")]
    [ProducesResponseType<RedeemResponse>(200)]
    [ProducesResponseType<RedeemResponse>(422)]
    public async Task<IActionResult> Redeem(CheckoutRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        if (brake.IsBraked(ClientId, out var retryAfter)) return TooManyGuesses(retryAfter);
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return await RedeemOnceAsync(request, ct);
        if (idempotencyKey.Length > 200) throw new DomainValidationException("Idempotency-Key", "Idempotency-Key must be 200 characters or fewer.");

        var hash = IdempotencyStore.Hash(JsonSerializer.SerializeToUtf8Bytes(request, json.Value.JsonSerializerOptions));
        switch (await idempotency.ClaimAsync(ClientId, idempotencyKey, hash, ct))
        {
            case IdempotencyClaim.Replay replay:
                Response.Headers["Idempotent-Replayed"] = "true";
                return new ContentResult { StatusCode = replay.StatusCode, Content = replay.ResponseJson, ContentType = "application/json" };
            case IdempotencyClaim.Mismatch:
                return Problem(statusCode: 422, title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was already used with a different request body.");
            case IdempotencyClaim.Owned owned:
                try
                {
                    var result = (ObjectResult)await RedeemOnceAsync(request, ct);
                    var body = JsonSerializer.Serialize(result.Value, json.Value.JsonSerializerOptions);
                    await idempotency.CompleteAsync(owned.RecordId, result.StatusCode ?? 200, body, CancellationToken.None);
                    return result;
                }
                catch
                {
                    await idempotency.ReleaseAsync(owned.RecordId);
                    throw;
                }
            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>Gives the usage back. Voiding twice is a no-op.</summary>
    [HttpPost("redemptions/{id:long}/void")]
    public async Task<VoidResponse> Void(long id, CancellationToken ct)
    {
        var result = await checkout.VoidAsync(id, ct);
        return new VoidResponse(result.RedemptionId, "voided", result.VoidedNow);
    }

    private async Task<IActionResult> RedeemOnceAsync(CheckoutRequest request, CancellationToken ct)
    {
        var result = await checkout.RedeemAsync(request, ct);
        NoteGuess(result.Verdict);
        var r = result.Verdict.Result;
        var body = new RedeemResponse(result.Outcome == RedeemOutcome.Redeemed, result.RedemptionId, result.Verdict.CodeText, result.Verdict.Code?.Display,
            Errors(r), result.Outcome == RedeemOutcome.Redeemed ? Map(r.Discount) : null);
        return new ObjectResult(body) { StatusCode = result.Outcome == RedeemOutcome.Redeemed ? 200 : 422 };
    }

    private void NoteGuess(CheckoutVerdict verdict)
    {
        if (verdict.Code is null) brake.NoteNotFound(ClientId);
    }

    private ObjectResult TooManyGuesses(TimeSpan retryAfter)
    {
        Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        return Problem(statusCode: 429, title: "Too many unknown codes",
            detail: "This API client asked for too many codes that do not exist. Wait before trying again.");
    }

    private static List<CheckoutError> Errors(EvaluationResult r) => r.Errors.Select(e => new CheckoutError(e.Code, e.Message)).ToList();

    private static DiscountDto? Map(PromoAdmin.Checkout.Discounts.Discount? d) => d is null ? null
        : new DiscountDto(d.Total, d.Lines.Select(l => new LineDiscountDto(l.LineId, l.Amount)).ToList(), d.ShippingDiscount, d.FreeShipping, d.CreditFromOverage);
}
