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
        RuleFor(x => x.Lines).Must(l => l is null || l.Select(x => x.LineId).Distinct().Count() == l.Count).WithMessage("lineId must be unique within the cart.");
        RuleForEach(x => x.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.LineId).NotEmpty().WithMessage("lineId is required.");
            line.RuleFor(l => l.ItemKey).NotEmpty().WithMessage("itemKey is required.");
            line.RuleFor(l => l.UnitPrice).NotNull().WithMessage("unitPrice is required.").GreaterThanOrEqualTo(0).WithMessage("unitPrice cannot be negative.");
            line.RuleFor(l => l.Quantity).NotNull().WithMessage("quantity is required.").GreaterThanOrEqualTo(1).WithMessage("quantity must be at least 1.");
            line.RuleFor(l => l.BookingStartTime).Must(t => PromoCodeInput.TryParseTime(t, out _)).WithMessage("bookingStartTime must be HH:mm.")
                .When(l => !string.IsNullOrEmpty(l.BookingStartTime));
        });
        RuleFor(x => x.OrderNumber).NotEmpty().WithMessage("orderNumber is required to redeem.").MaximumLength(100)
            .When((_, ctx) => ctx.RootContextData.ContainsKey(RedeemKey));
        RuleFor(x => x.Customer!.Key).MaximumLength(100).When(x => x.Customer is not null);
    }
}
