using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;
using static PromoAdmin.UnitTests.Checkout.Given;

namespace PromoAdmin.UnitTests.Checkout;

public sealed class RejectionReasonTests
{
    public static TheoryData<string> EveryReason()
    {
        var data = new TheoryData<string>();
        foreach (var reason in RejectionReasonNames.InCheckOrder) data.Add(reason.Code);
        return data;
    }

    /// <summary>One cart per reason that breaks that rule and no other.</summary>
    private static EvaluationResult Breaking(string reason)
    {
        var code = Code();
        var mug = Cart(Item("1", 10m));
        return reason switch
        {
            "code_not_found" => Evaluate(null, mug),
            "code_archived" => Evaluate(code with { Archived = true }, mug),
            "code_disabled" => Evaluate(code with { Enabled = false }, mug),
            "internal_only" => Evaluate(code with { InternalOnly = true }, mug with { Channel = SalesChannel.Online }),
            "quantity_exhausted" => Evaluate(code with { QuantityRemaining = 0 }, mug),
            "outside_purchase_dates" => Evaluate(code with { PurchaseStart = new(2026, 2, 1), PurchaseEnd = new(2026, 3, 1) }, mug),
            // Now is Tuesday 12:00 in New York.
            "purchase_day_not_allowed" => Evaluate(code with { PurchaseDaysOfWeek = [DayOfWeek.Saturday, DayOfWeek.Sunday] }, mug),
            "purchase_time_not_allowed" => Evaluate(code with { PurchaseTimeStart = new(17, 0), PurchaseTimeEnd = new(22, 0) }, mug),
            "booking_date_not_allowed" => Evaluate(code with { BookingStart = new(2026, 4, 1), BookingEnd = new(2026, 4, 30) },
                Cart(Event("1", Saturday))),
            "booking_date_excluded" => Evaluate(code with { ExclusionDates = [Saturday] }, Cart(Event("1", Saturday))),
            "booking_day_not_allowed" => Evaluate(code with { DaysOfWeek = [DayOfWeek.Saturday, DayOfWeek.Sunday] },
                Cart(Event("1", Monday))),
            "booking_time_not_allowed" => Evaluate(code with { BookingTimeStart = new(10, 0), BookingTimeEnd = new(14, 0) },
                Cart(Event("1", Saturday, new TimeOnly(14, 0)))),
            "no_applicable_items" => Evaluate(code with { ApplicableTo = ["gift-card-50"] }, mug),
            "eligibility_rule_not_met" => Evaluate(code with { EligibilityRules = [new MinimumQuantityRule(6)] },
                Cart(Item("1", 10m, quantity: 5))),
            "order_minimum_not_met" => Evaluate(code with { OrderMinimum = 50m }, Cart(Item("1", 49.99m))),
            "customer_required" => Evaluate(code with { FirstOrderOnly = true }, mug, CustomerFacts.Guest),
            "not_assigned_to_customer" => Evaluate(code with { AssignedCustomerKey = "cust-2" }, mug, Customer("cust-1")),
            "first_order_only" => Evaluate(code with { FirstOrderOnly = true }, mug, Customer(firstOrder: false)),
            "already_used_by_account" => Evaluate(code with { OneUsePerAccount = true }, mug, Customer(usedThisCode: true)),
            "customer_limit_reached" => Evaluate(code with { UsesPerCustomer = 2, UsesPerCustomerPeriod = UsagePeriod.Week }, mug,
                Customer() with { UsesInPeriod = 2 }),
            "not_combinable" => Evaluate(code with { Combinable = true },
                mug with { AppliedCodes = [new AppliedCode("WELCOME", Combinable: false)] }),
            "budget_exhausted" => Evaluate(code with { Budget = new BudgetLeft(Redemptions: 0, Discount: null) }, mug),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "no scenario"),
        };
    }

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void Each_broken_rule_is_reported_alone_with_its_reason_and_a_message(string reason)
    {
        var result = Breaking(reason);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(reason, error.Code);
        Assert.Equal(reason, result.PrimaryReason?.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Null(result.Discount);
        Assert.Contains(result.Checks, c => c.Code == reason && !c.Passed && c.Message == error.Message);
    }

    [Fact]
    public void Reason_codes_are_spelled_as_the_api_documents_them_in_check_order()
    {
        string[] documented =
        [
            "code_not_found", "code_archived", "code_disabled", "internal_only", "quantity_exhausted",
            "outside_purchase_dates", "purchase_day_not_allowed", "purchase_time_not_allowed",
            "booking_date_not_allowed", "booking_date_excluded", "booking_day_not_allowed",
            "booking_time_not_allowed", "no_applicable_items", "eligibility_rule_not_met", "order_minimum_not_met",
            "customer_required", "not_assigned_to_customer", "first_order_only", "already_used_by_account", "customer_limit_reached",
            "not_combinable", "budget_exhausted",
        ];

        Assert.Equal(documented, RejectionReasonNames.InCheckOrder.Select(r => r.Code));
        Assert.Equal(Enumerable.Range(1, 22), RejectionReasonNames.InCheckOrder.Select(r => r.Step));
        Assert.All(documented, code => Assert.Equal(code, RejectionReasonNames.FromCode(code)?.Code));
        Assert.Null(RejectionReasonNames.FromCode("nope"));
    }

    [Fact]
    public void A_valid_code_passes_all_twenty_two_checks_in_order_each_with_a_label_and_message()
    {
        var result = Evaluate(Code(), Cart(Item("1", 10m)));

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Null(result.PrimaryReason);
        Assert.Equal(RejectionReasonNames.InCheckOrder, result.Checks.Select(c => c.Reason));
        Assert.All(result.Checks, c =>
        {
            Assert.True(c.Passed);
            Assert.False(string.IsNullOrWhiteSpace(c.Label));
            Assert.False(string.IsNullOrWhiteSpace(c.Message));
        });
        Assert.NotNull(result.Discount);
    }

    [Fact]
    public void An_unknown_code_reports_only_code_not_found()
    {
        var result = Evaluate(null, Cart(Item("1", 10m)));

        var check = Assert.Single(result.Checks);
        Assert.Equal("code_not_found", check.Code);
        Assert.Equal(["code_not_found"], result.ErrorCodes());
        Assert.Equal("We couldn't find this promo code.", result.Errors[0].Message);
    }

    [Fact]
    public void Every_failing_check_is_reported_in_check_order_and_the_first_is_the_primary_reason()
    {
        var code = Code() with
        {
            Archived = true,
            Enabled = false,
            QuantityRemaining = 0,
            PurchaseDaysOfWeek = [DayOfWeek.Sunday],
            PurchaseTimeStart = new(18, 0),
            PurchaseTimeEnd = new(20, 0),
            OrderMinimum = 100m,
            OneUsePerAccount = true,
            UsesPerCustomer = 1,
            Combinable = false,
            Budget = new BudgetLeft(0, 0m),
        };
        var cart = Cart(Item("1", 10m)) with { AppliedCodes = [new AppliedCode("OTHER", Combinable: true)] };

        var result = Evaluate(code, cart, Customer(usedThisCode: true) with { UsesInPeriod = 1 });

        Assert.Equal(
            ["code_archived", "code_disabled", "quantity_exhausted", "purchase_day_not_allowed", "purchase_time_not_allowed",
             "order_minimum_not_met", "already_used_by_account", "customer_limit_reached", "not_combinable", "budget_exhausted"],
            result.ErrorCodes());
        Assert.Equal(RejectionReason.CodeArchived, result.PrimaryReason?.Reason);
        Assert.Equal(22, result.Checks.Count);
        Assert.Equal(10, result.Checks.Count(c => !c.Passed));
    }

    [Fact]
    public void Internal_only_codes_apply_on_the_staff_channel()
    {
        var code = Code() with { InternalOnly = true };

        Assert.True(Evaluate(code, Cart(Item("1", 10m)) with { Channel = SalesChannel.Internal }).IsValid);
        Assert.Equal(["internal_only"], Evaluate(code, Cart(Item("1", 10m))).ErrorCodes());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void Unlimited_or_remaining_usages_pass_and_none_left_fails(int? remaining, bool valid)
    {
        var result = Evaluate(Code() with { QuantityRemaining = remaining }, Cart(Item("1", 10m)));

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void Order_minimum_is_compared_with_the_whole_order_subtotal_inclusive()
    {
        var code = Code() with { OrderMinimum = 50m, ApplicableTo = ["mug"] };

        Assert.True(Evaluate(code, Cart(Item("1", 10m), Item("2", 40m, itemKey: "poster"))).IsValid);
        var result = Evaluate(code, Cart(Item("1", 10m), Item("2", 39.99m, itemKey: "poster")));
        Assert.Equal(["order_minimum_not_met"], result.ErrorCodes());
        Assert.Contains("50.00", result.Errors[0].Message);
        Assert.Contains("49.99", result.Errors[0].Message);
    }

    [Fact]
    public void Customer_rules_need_a_customer_and_are_not_double_reported_without_one()
    {
        var code = Code() with { FirstOrderOnly = true, OneUsePerAccount = true, AssignedCustomerKey = "cust-1" };

        var guest = Evaluate(code, Cart(Item("1", 10m)), CustomerFacts.Guest with { Key = "  " });

        Assert.Equal(["customer_required"], guest.ErrorCodes());
        Assert.True(Evaluate(code, Cart(Item("1", 10m)), Customer("cust-1")).IsValid);
    }

    [Fact]
    public void Codes_without_customer_rules_work_for_guests()
    {
        Assert.True(Evaluate(Code(), Cart(Item("1", 10m)), CustomerFacts.Guest).IsValid);
    }

    [Fact]
    public void A_segment_code_only_works_for_its_customer()
    {
        var code = Code() with { AssignedCustomerKey = "cust-7" };

        Assert.True(Evaluate(code, Cart(Item("1", 10m)), Customer("cust-7")).IsValid);
        var other = Evaluate(code, Cart(Item("1", 10m)), Customer("cust-8"));
        Assert.Equal(["not_assigned_to_customer"], other.ErrorCodes());
        Assert.Equal("This code belongs to another customer.", other.Errors[0].Message);
    }

    [Fact]
    public void One_use_per_account_allows_the_first_use()
    {
        var code = Code() with { OneUsePerAccount = true };

        Assert.True(Evaluate(code, Cart(Item("1", 10m)), Customer(usedThisCode: false)).IsValid);
        Assert.Equal(["already_used_by_account"], Evaluate(code, Cart(Item("1", 10m)), Customer(usedThisCode: true)).ErrorCodes());
    }
}
