using FluentValidation;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Redemptions;

/// <summary>The body of validate and redeem (docs/api.md#checkout).</summary>
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

    /// <summary>Diagnose may look a code up without a cart: the checks that need one are shown as such (docs/rules.md#diagnose).</summary>
    public const string WithoutCartKey = "without-cart";

    public CheckoutRequestValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("code is required.").MaximumLength(Bounds.MaxKeyLength).WithMessage("code must be 100 characters or fewer.");
        RuleFor(x => x.LocationKey).NotEmpty().WithMessage("locationKey is required.").MaximumLength(Bounds.MaxKeyLength).WithMessage("locationKey must be 100 characters or fewer.");
        RuleFor(x => x.Channel).Must(c => c is null or "online" or "internal").WithMessage("channel must be online or internal.");
        RuleFor(x => x.Shipping).Must(Bounds.IsMoney).WithMessage(Bounds.MoneyMessage("shipping"));
        RuleFor(x => x.AppliedCodes).Must(c => c is null || c.Count <= Bounds.MaxAppliedCodes)
            .WithMessage($"appliedCodes can hold at most {Bounds.MaxAppliedCodes} codes.");
        RuleForEach(x => x.AppliedCodes).Must(c => c is null || c.Length <= Bounds.MaxKeyLength).WithMessage("Each applied code must be 100 characters or fewer.");
        RuleFor(x => x.Lines).NotEmpty().WithMessage("Send at least one cart line.")
            .Unless((_, ctx) => ctx.RootContextData.ContainsKey(WithoutCartKey));
        RuleFor(x => x.Lines).Must(l => l is null || l.Count <= Bounds.MaxCartLines).WithMessage($"A cart can have at most {Bounds.MaxCartLines} lines.");
        RuleFor(x => x.Lines).Must(l => l is null || l.Select(x => x?.LineId).Distinct().Count() == l.Count).WithMessage("lineId must be unique within the cart.");
        // One loop instead of a child validator per line: checked on every checkout call, and a child validator per line was
        // most of the validation's cost. Failures name the line's field as "lines[i].field".
        RuleFor(x => x.Lines).Custom((lines, ctx) =>
        {
            // A shipping fee out of bounds has its own error; the total then counts the lines alone (and cannot overflow).
            var shipping = ctx.InstanceToValidate.Shipping;
            var total = Bounds.IsMoney(shipping) ? shipping ?? 0 : 0;
            var allValid = true;
            for (var i = 0; i < (lines?.Count ?? 0); i++)
            {
                var l = lines![i];
                if (l is null)
                {
                    Fail("", "A cart line cannot be empty.");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(l.LineId)) Fail(".LineId", "lineId is required.");
                else if (l.LineId.Length > Bounds.MaxKeyLength) Fail(".LineId", "lineId must be 100 characters or fewer.");
                if (string.IsNullOrWhiteSpace(l.ItemKey)) Fail(".ItemKey", "itemKey is required.");
                else if (l.ItemKey.Length > Bounds.MaxKeyLength) Fail(".ItemKey", "itemKey must be 100 characters or fewer.");
                if (l.UnitPrice is null) Fail(".UnitPrice", "unitPrice is required.");
                else if (!Bounds.IsMoney(l.UnitPrice)) Fail(".UnitPrice", Bounds.MoneyMessage("unitPrice"));
                if (l.Quantity is null) Fail(".Quantity", "quantity is required.");
                else if (l.Quantity is < 1 or > Bounds.MaxLineQuantity) Fail(".Quantity", $"quantity must be between 1 and {Bounds.MaxLineQuantity:N0}.");
                if (!string.IsNullOrEmpty(l.BookingStartTime) && !PromoCodeInput.TryParseTime(l.BookingStartTime, out _))
                    Fail(".BookingStartTime", "bookingStartTime must be HH:mm.");
                // Each term is at most 1e9 × 1e5: the sum cannot overflow decimal.
                if (allValid) total += l.UnitPrice!.Value * l.Quantity!.Value;

                void Fail(string field, string message)
                {
                    allValid = false;
                    ctx.AddFailure($"Lines[{i}]{field}", message);
                }
            }
            if (allValid && total > Bounds.MaxMoney)
                ctx.AddFailure("Lines", $"The cart's total (lines and shipping) must be at most {Bounds.MaxMoney:N0}.");
        });
        RuleFor(x => x.OrderNumber).NotEmpty().WithMessage("orderNumber is required to redeem.").MaximumLength(Bounds.MaxKeyLength)
            .When((_, ctx) => ctx.RootContextData.ContainsKey(RedeemKey));
        RuleFor(x => x.Customer!.Key).MaximumLength(Bounds.MaxKeyLength).When(x => x.Customer is not null);
    }
}
