using CsCheck;
using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Discounts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>Invariants that hold for any cart and any code, checked over random ones.</summary>
public sealed class DiscountPropertyTests
{
    private static readonly string[] ItemKeys = ["a", "b", "c", "d"];
    private static readonly Gen<DateOnly> March2026 = Gen.Int[1, 31].Select(day => new DateOnly(2026, 3, day));

    private static readonly Gen<CartLine> GenLine =
        Gen.Select(Gen.OneOf(ItemKeys), Gen.Enum<ItemKind>(), Gen.Int[0, 20_000], Gen.Int[1, 12], March2026, Gen.Int[0, 23],
            (key, kind, cents, quantity, date, hour) =>
                new CartLine("", key, kind, cents / 100m, quantity, date, new TimeOnly(hour, 30)));

    private static readonly Gen<Cart> GenCart =
        from lines in GenLine.Array[0, 6]
        from shippingCents in Gen.Int[0, 2_000]
        select new Cart
        {
            Lines = lines.Select((l, i) => l with { LineId = $"line-{i}" }).ToList(),
            ShippingFee = shippingCents / 100m,
        };

    private static readonly Gen<EligibilityRule> GenRule = Gen.OneOf<EligibilityRule>(
        Gen.Int[1, 8].Select(min => (EligibilityRule)new MinimumQuantityRule(min)),
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 2], Gen.Int[0, 100], Gen.OneOf(ItemKeys).Array[0, 2], Gen.OneOf(ItemKeys).Array[0, 2],
            (buy, get, percent, buyItems, getItems) => (EligibilityRule)new BuyXGetYRule(buy, get, percent, buyItems, getItems)));

    private static readonly Gen<PromoCodeRules> GenCode =
        from type in Gen.Enum<RedemptionType>()
        from scope in Gen.Enum<ValueScope>()
        from amountCents in Gen.Int[0, 15_000]
        from limitCents in Gen.Int[0, 10_000].Nullable(0.5)
        from applicableTo in Gen.OneOf(ItemKeys).Array[0, 2]
        from onlyApplicable in Gen.Bool
        from rules in GenRule.Array[0, 2]
        from credit in Gen.Bool
        from excluded in March2026.Array[0, 3]
        select new PromoCodeRules
        {
            Code = "PROP",
            TimeZoneId = "UTC",
            RedemptionType = type,
            ValueType = scope,
            Amount = type == RedemptionType.Percentage ? amountCents % 10_001 / 100m : amountCents / 100m,
            DiscountLimit = limitCents / 100m,
            ApplicableTo = applicableTo,
            ApplyOnlyToApplicable = onlyApplicable,
            EligibilityRules = rules,
            CreditFromOverage = credit,
            ExclusionDates = excluded,
            FreeShipping = credit,
        };

    [Fact]
    public void A_discount_is_never_negative_never_above_the_qualifying_lines_and_its_lines_sum_to_its_total()
    {
        Gen.Select(GenCode, GenCart, Gen.Bool).Sample((code, cart, creditsEnabled) =>
        {
            var discount = DiscountCalculator.Calculate(code, cart, creditsEnabled);
            var lineSubtotals = cart.Lines.ToDictionary(l => l.LineId, l => l.Subtotal);

            Assert.True(discount.Total >= 0m);
            Assert.True(discount.CreditFromOverage >= 0m);
            Assert.True(discount.ShippingDiscount >= 0m);
            Assert.Equal(discount.Total, discount.Lines.Sum(l => l.Amount));
            Assert.True(discount.Total <= discount.QualifyingSubtotal);
            Assert.True(discount.QualifyingSubtotal <= cart.Subtotal);
            Assert.All(discount.Lines, l =>
            {
                Assert.InRange(l.Amount, 0m, lineSubtotals[l.LineId]);
                Assert.Equal(l.Amount, Math.Round(l.Amount, 2));
            });
        });
    }

    [Fact]
    public void Percentage_totals_never_exceed_the_discount_limit_unless_a_reward_adds_to_them()
    {
        GenCode.Select(Gen.Int[0, 10_000], GenCart, (code, limitCents, cart) =>
                (code with { RedemptionType = RedemptionType.Percentage, DiscountLimit = limitCents / 100m, EligibilityRules = [] }, cart))
            .Sample((code, cart) => Assert.True(DiscountCalculator.Calculate(code, cart, true).Total <= code.DiscountLimit));
    }

    [Fact]
    public void Value_codes_give_as_credit_exactly_the_value_they_could_not_use()
    {
        GenCode.Select(GenCart, (code, cart) => (code with
            {
                RedemptionType = RedemptionType.Value, ValueType = ValueScope.PerTransaction, CreditFromOverage = true, EligibilityRules = [],
            }, cart))
            .Sample((code, cart) =>
            {
                var discount = DiscountCalculator.Calculate(code, cart, creditsEnabled: true);
                Assert.Equal(code.Amount, discount.Total + discount.CreditFromOverage);
            });
    }

    [Fact]
    public void Errors_follow_check_order_and_a_discount_comes_only_with_a_valid_code()
    {
        var customer = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, (known, first, used) =>
            new CustomerFacts { Key = known ? "cust-1" : null, IsFirstOrder = first, HasUsedThisCode = used });
        var code = GenCode.Select(Gen.Bool, Gen.Bool, Gen.Int[0, 2].Nullable(0.5),
            (c, firstOnly, oneUse, remaining) => c with { FirstOrderOnly = firstOnly, OneUsePerAccount = oneUse, QuantityRemaining = remaining });

        Gen.Select(code, GenCart, customer).Sample((c, cart, facts) =>
        {
            var result = PromoCodeEvaluator.Evaluate(c, cart, facts, new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

            Assert.Equal(RejectionReasonNames.InCheckOrder, result.Checks.Select(x => x.Reason));
            Assert.Equal(result.Checks.Where(x => !x.Passed).Select(x => x.Reason), result.Errors.Select(e => e.Reason));
            Assert.Equal(result.IsValid, result.Discount is not null);
            Assert.Equal(result.Errors.Count > 0 ? result.Errors[0] : null, result.PrimaryReason);
        });
    }
}
