using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;
using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>Uses per customer (counted by the caller for the period) and the campaign budget left (read by the caller).</summary>
public sealed class CustomerLimitAndBudgetTests
{
    private static readonly Cart Mug40 = Cart(Item("1", 40m)); // 10% off: 4.00

    [Theory]
    [InlineData(1, UsagePeriod.Ever, 0, true)]
    [InlineData(1, UsagePeriod.Ever, 1, false)]
    [InlineData(3, UsagePeriod.Day, 2, true)]
    [InlineData(3, UsagePeriod.Day, 3, false)]
    [InlineData(3, UsagePeriod.Week, 4, false)] // more than the limit (e.g. the limit was lowered)
    [InlineData(2, UsagePeriod.Month, 1, true)]
    public void A_customer_may_use_the_code_as_often_as_the_limit_allows_in_the_period(int limit, UsagePeriod period, int used, bool valid)
    {
        var code = Code() with { UsesPerCustomer = limit, UsesPerCustomerPeriod = period };

        var result = Evaluate(code, Mug40, Customer() with { UsesInPeriod = used });

        Assert.Equal(valid ? [] : ["customer_limit_reached"], result.ErrorCodes());
    }

    [Theory]
    [InlineData(1, UsagePeriod.Ever, "You've reached the limit of this code: 1 use per customer.")]
    [InlineData(3, UsagePeriod.Day, "You've reached the limit of this code: 3 uses per customer each day.")]
    [InlineData(2, UsagePeriod.Week, "You've reached the limit of this code: 2 uses per customer each week.")]
    [InlineData(5, UsagePeriod.Month, "You've reached the limit of this code: 5 uses per customer each month.")]
    public void The_limit_message_names_the_limit_and_its_period(int limit, UsagePeriod period, string message)
    {
        var code = Code() with { UsesPerCustomer = limit, UsesPerCustomerPeriod = period };

        var result = Evaluate(code, Mug40, Customer() with { UsesInPeriod = limit });

        Assert.Equal(message, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void The_passed_check_says_how_often_the_customer_used_it()
    {
        var code = Code() with { UsesPerCustomer = 3, UsesPerCustomerPeriod = UsagePeriod.Week };

        var result = Evaluate(code, Mug40, Customer() with { UsesInPeriod = 2 });

        Assert.Equal("The customer has used it 2 times of 3 uses per customer each week.",
            result.Checks.Single(c => c.Reason == RejectionReason.CustomerLimitReached).Message);
    }

    [Fact]
    public void Uses_per_customer_needs_a_customer_and_reports_only_that_for_a_guest()
    {
        var code = Code() with { UsesPerCustomer = 1 };

        var guest = Evaluate(code, Mug40, CustomerFacts.Guest with { UsesInPeriod = 5 });

        Assert.Equal(["customer_required"], guest.ErrorCodes());
        Assert.Equal("Not checked: no customer was given.", guest.Checks.Single(c => c.Reason == RejectionReason.CustomerLimitReached).Message);
    }

    [Fact]
    public void Without_a_limit_the_uses_are_not_counted()
    {
        Assert.True(Evaluate(Code(), Mug40, Customer() with { UsesInPeriod = 1000 }).IsValid);
        Assert.True(Evaluate(Code(), Mug40, CustomerFacts.Guest).IsValid);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(1, null, true)]
    [InlineData(0, null, false)]
    [InlineData(null, "4.01", true)]
    [InlineData(null, "4.00", true)]  // exactly what is left
    [InlineData(null, "3.99", false)] // this order would pass the budget
    [InlineData(null, "0.00", false)]
    [InlineData(5, "3.99", false)]
    [InlineData(0, "100.00", false)]
    [InlineData(5, "100.00", true)]
    public void A_budget_refuses_a_redemption_that_would_pass_it(int? redemptionsLeft, string? moneyLeft, bool valid)
    {
        var left = new BudgetLeft(redemptionsLeft, moneyLeft is null ? null : decimal.Parse(moneyLeft, System.Globalization.CultureInfo.InvariantCulture));

        var result = Evaluate(Code() with { Budget = left }, Mug40);

        Assert.Equal(valid ? [] : ["budget_exhausted"], result.ErrorCodes());
        if (!valid) Assert.Equal("This promotion has ended: its budget is used up.", result.Errors[0].Message);
        else Assert.Equal(4m, result.Discount!.Given);
    }

    [Fact]
    public void The_budget_counts_shipping_and_credit_given_as_well_as_the_discount()
    {
        // 4.00 off the mug and the 5.00 delivery fee: 9.00 given.
        var freeShipping = Code() with { FreeShipping = true };
        var shipped = Mug40 with { ShippingFee = 5m };
        Assert.Equal(["budget_exhausted"], Evaluate(freeShipping with { Budget = new BudgetLeft(null, 8.99m) }, shipped).ErrorCodes());
        Assert.Equal(9m, Evaluate(freeShipping with { Budget = new BudgetLeft(null, 9m) }, shipped).Discount!.Given);

        // 50.00 on a 40.00 order: 40.00 off and 10.00 of credit when credits are on.
        var credit = ValueCode(50m, ValueScope.PerTransaction) with { CreditFromOverage = true };
        Assert.Equal(["budget_exhausted"], Evaluate(credit with { Budget = new BudgetLeft(null, 49.99m) }, Mug40, Customer()).ErrorCodes());
        Assert.True(Evaluate(credit with { Budget = new BudgetLeft(null, 50m) }, Mug40, Customer()).IsValid);
        var noCredits = Customer() with { CreditsEnabled = false };
        Assert.True(Evaluate(credit with { Budget = new BudgetLeft(null, 40m) }, Mug40, noCredits).IsValid);
    }

    [Fact]
    public void The_budget_check_says_what_is_left_and_what_the_order_takes()
    {
        var result = Evaluate(Code() with { Budget = new BudgetLeft(7, 120.5m) }, Mug40);

        Assert.Equal("The campaign budget has 7 redemptions and 120.50 of discount left; this order takes 4.00.",
            result.Checks.Single(c => c.Reason == RejectionReason.BudgetExhausted).Message);
        Assert.Equal("The code's campaign has no budget.",
            Evaluate(Code(), Mug40).Checks.Single(c => c.Reason == RejectionReason.BudgetExhausted).Message);
    }

    [Fact]
    public void The_new_checks_run_in_their_places_in_the_check_order()
    {
        var order = RejectionReasonNames.InCheckOrder.ToList();

        Assert.Equal(order.IndexOf(RejectionReason.OutsidePurchaseDates) + 1, order.IndexOf(RejectionReason.PurchaseDayNotAllowed));
        Assert.Equal(order.IndexOf(RejectionReason.PurchaseDayNotAllowed) + 1, order.IndexOf(RejectionReason.PurchaseTimeNotAllowed));
        Assert.Equal(order.IndexOf(RejectionReason.PurchaseTimeNotAllowed) + 1, order.IndexOf(RejectionReason.BookingDateNotAllowed));
        Assert.Equal(order.IndexOf(RejectionReason.AlreadyUsedByAccount) + 1, order.IndexOf(RejectionReason.CustomerLimitReached));
        Assert.Equal(order.IndexOf(RejectionReason.CustomerLimitReached) + 1, order.IndexOf(RejectionReason.NotCombinable));
        Assert.Equal(order.IndexOf(RejectionReason.NotCombinable) + 1, order.IndexOf(RejectionReason.BudgetExhausted));
        Assert.Equal(RejectionReason.BudgetExhausted, order[^1]);
        Assert.Equal([7, 8, 20, 22], new[]
        {
            RejectionReason.PurchaseDayNotAllowed, RejectionReason.PurchaseTimeNotAllowed, RejectionReason.CustomerLimitReached, RejectionReason.BudgetExhausted,
        }.Select(r => r.Step));
        Assert.Equal(["Purchase day", "Purchase time", "Uses per customer", "Campaign budget"], new[]
        {
            RejectionReason.PurchaseDayNotAllowed, RejectionReason.PurchaseTimeNotAllowed, RejectionReason.CustomerLimitReached, RejectionReason.BudgetExhausted,
        }.Select(r => r.Label));
    }

    [Fact]
    public void A_later_failure_never_hides_an_earlier_one()
    {
        // Sunday only, 18:00-20:00, a limit reached and no budget: each is reported, in check order.
        var code = Code() with
        {
            PurchaseDaysOfWeek = [DayOfWeek.Sunday], PurchaseTimeStart = new(18, 0), PurchaseTimeEnd = new(20, 0),
            UsesPerCustomer = 2, Budget = new BudgetLeft(0, null), ExcludedItems = ["mug"],
        };

        var result = Evaluate(code, Cart(Item("1", 40m), Item("2", 10m, itemKey: "poster")), Customer() with { UsesInPeriod = 2 });

        Assert.Equal(["purchase_day_not_allowed", "purchase_time_not_allowed", "customer_limit_reached", "budget_exhausted"], result.ErrorCodes());
        Assert.Equal(RejectionReason.PurchaseDayNotAllowed, result.PrimaryReason!.Reason);
    }
}
