using FluentValidation;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Checkout;

/// <summary>The body of validate and redeem (SPEC section 5).</summary>
public sealed record CheckoutRequest
{
    public string? Code { get; init; }
    public string? LocationKey { get; init; }
    /// <summary>online (default) or internal.</summary>
    public string? Channel { get; init; }
    public CheckoutCustomer? Customer { get; init; }
    public DateTimeOffset? PurchaseAt { get; init; }
    public List<string>? AppliedCodes { get; init; }
    public decimal? Shipping { get; init; }
    public List<CheckoutLine>? Lines { get; init; }
    /// <summary>Redeem only.</summary>
    public string? OrderNumber { get; init; }
}

public sealed record CheckoutCustomer(string? Key, bool? IsFirstOrder);

public sealed record CheckoutLine(string? LineId, string? ItemKey, decimal? UnitPrice, int? Quantity, DateOnly? BookingDate, string? BookingStartTime);

public sealed class CheckoutRequestValidator : AbstractValidator<CheckoutRequest>
{
    public const string RedeemKey = "redeem";

    public CheckoutRequestValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("code is required.").MaximumLength(100);
        RuleFor(x => x.LocationKey).NotEmpty().WithMessage("locationKey is required.");
        RuleFor(x => x.Channel).Must(c => c is null or "online" or "internal").WithMessage("channel must be online or internal.");
        RuleFor(x => x.Shipping).GreaterThanOrEqualTo(0).WithMessage("shipping cannot be negative.");
        RuleFor(x => x.Lines).NotEmpty().WithMessage("Send at least one cart line.");
        RuleFor(x => x.Lines).Must(l => l is null || l.Count <= 500).WithMessage("A cart can have at most 500 lines.");
        RuleFor(x => x.Lines).Must(l => l is null || l.Select(x => x?.LineId).Distinct().Count() == l.Count).WithMessage("lineId must be unique within the cart.");
        // One loop instead of a child validator per line: checked on every checkout call, and a child validator per line was
        // most of the validation's cost. Failures name the line's field as "lines[i].field".
        RuleFor(x => x.Lines).Custom((lines, ctx) =>
        {
            for (var i = 0; i < (lines?.Count ?? 0); i++)
            {
                var l = lines![i];
                if (l is null)
                {
                    Fail("", "A cart line cannot be empty.");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(l.LineId)) Fail(".LineId", "lineId is required.");
                if (string.IsNullOrWhiteSpace(l.ItemKey)) Fail(".ItemKey", "itemKey is required.");
                if (l.UnitPrice is null) Fail(".UnitPrice", "unitPrice is required.");
                else if (l.UnitPrice < 0) Fail(".UnitPrice", "unitPrice cannot be negative.");
                if (l.Quantity is null) Fail(".Quantity", "quantity is required.");
                else if (l.Quantity < 1) Fail(".Quantity", "quantity must be at least 1.");
                if (!string.IsNullOrEmpty(l.BookingStartTime) && !PromoCodeInput.TryParseTime(l.BookingStartTime, out _))
                    Fail(".BookingStartTime", "bookingStartTime must be HH:mm.");

                void Fail(string field, string message) => ctx.AddFailure($"Lines[{i}]{field}", message);
            }
        });
        RuleFor(x => x.OrderNumber).NotEmpty().WithMessage("orderNumber is required to redeem.").MaximumLength(100)
            .When((_, ctx) => ctx.RootContextData.ContainsKey(RedeemKey));
        RuleFor(x => x.Customer!.Key).MaximumLength(100).When(x => x.Customer is not null);
    }
}
