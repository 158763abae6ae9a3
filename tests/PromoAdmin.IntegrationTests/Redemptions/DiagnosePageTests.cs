using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Redemptions;

public sealed class DiagnosePageTests(SharedApp factory)
{
    [Fact]
    public async Task Diagnose_shows_every_check_in_order_with_the_failing_one_and_then_the_discount()
    {
        var w = await factory.WorldAsync();
        await factory.AddCodeAsync(w.HomeId, w.Code("WKND"), c =>
        {
            (c.RedemptionType, c.Amount, c.ValueType) = (RedemptionType.Value, 5, Domain.PromoCodes.ValueScope.PerLineItem);
            (c.ApplicableTo, c.DaysOfWeek) = ([w.EventKey], BookingDays.Sat | BookingDays.Sun);
        });
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/diagnose?code=" + w.Code("WKND"));
        Assert.Equal(w.Code("WKND"), page.QuerySelector("#Code")!.GetAttribute("value"));

        // 2026-12-02 is a Wednesday: the day check fails, and it is the main reason.
        var weekday = await session.SubmitAsync(page, "form[action='/diagnose']", new()
        {
            ["LocationKey"] = [w.Home], ["Lines[0].ItemKey"] = [w.EventKey], ["Lines[0].UnitPrice"] = ["30"], ["Lines[0].Quantity"] = ["2"],
            ["Lines[0].BookingDate"] = ["2026-12-02"],
        });
        var result = await WebSession.ParseAsync(weekday);
        var checks = result.QuerySelectorAll("[data-check]").ToList();
        Assert.Equal(RejectionReasonNames.InCheckOrder.Select(r => r.Code), checks.Select(c => c.GetAttribute("data-check")));
        Assert.Equal("code_not_found", checks[0].GetAttribute("data-check"));
        Assert.Equal("false", result.QuerySelector("[data-check=booking_day_not_allowed]")!.GetAttribute("data-passed"));
        Assert.Equal("true", result.QuerySelector("[data-check=code_archived]")!.GetAttribute("data-passed"));
        Assert.Contains("does not apply", result.QuerySelector("[data-testid=diagnosis] h2")!.TextContent);

        // 2026-12-05 is a Saturday: everything passes and the discount is shown.
        var saturday = await session.SubmitAsync(result, "form[action='/diagnose']", new() { ["Lines[0].BookingDate"] = ["2026-12-05"] });
        var ok = await WebSession.ParseAsync(saturday);
        Assert.All(ok.QuerySelectorAll("[data-check]"), c => Assert.Equal("true", c.GetAttribute("data-passed")));
        Assert.Equal("$5.00", ok.QuerySelector("[data-testid=discount-total]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_fresh_diagnose_page_shows_no_error_alert()
    {
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/diagnose");
        Assert.NotNull(page.QuerySelector("form[action='/diagnose']"));
        Assert.Empty(page.QuerySelectorAll(".alert-danger, .error-summary, .validation-summary-valid"));
    }

    [Fact]
    public async Task Diagnose_with_a_code_alone_shows_the_codes_own_checks_and_marks_the_cart_checks_as_needing_a_cart_line()
    {
        var w = await factory.WorldAsync();
        await factory.AddCodeAsync(w.HomeId, w.Code("ALONE"), c => (c.RedemptionType, c.Amount) = (RedemptionType.Percentage, 10));
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/diagnose");
        var response = await session.SubmitAsync(page, "form[action='/diagnose']", new() { ["LocationKey"] = [w.Home], ["Code"] = [w.Code("ALONE")] });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var result = await WebSession.ParseAsync(response);
        string? Status(string code) => result.QuerySelector($"[data-check={code}]")!.GetAttribute("data-passed");
        Assert.Equal(RejectionReasonNames.InCheckOrder.Select(r => r.Code), result.QuerySelectorAll("[data-check]").Select(c => c.GetAttribute("data-check")));
        Assert.Equal(("true", "true", "true"), (Status("code_not_found"), Status("code_disabled"), Status("quantity_exhausted")));
        Assert.All(new[] { "booking_date_not_allowed", "no_applicable_items", "eligibility_rule_not_met", "order_minimum_not_met" },
            code => Assert.Equal("needs-cart", Status(code)));
        Assert.Contains("Needs a cart line", result.QuerySelector("[data-check=no_applicable_items]")!.TextContent);
        Assert.Empty(result.QuerySelectorAll(".alert-danger"));
        Assert.Equal("The code's own checks pass", result.QuerySelector("[data-testid=diagnosis] h2")!.TextContent.Trim());
        Assert.NotNull(result.QuerySelector("[data-testid=needs-cart]"));
        Assert.Null(result.QuerySelector("[data-testid=discount-total]"));

        // A code's own failure is still the main reason without a cart.
        await factory.AddCodeAsync(w.HomeId, w.Code("OFF"), c => c.Enabled = false);
        var off = await WebSession.ParseAsync(await session.SubmitAsync(result, "form[action='/diagnose']", new() { ["Code"] = [w.Code("OFF")] }));
        Assert.Equal("false", off.QuerySelector("[data-check=code_disabled]")!.GetAttribute("data-passed"));
        Assert.Contains(RejectionMessages.CodeDisabled, off.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task Diagnose_shows_the_full_name_of_a_long_item_in_the_cart_and_in_the_discount()
    {
        var w = await factory.WorldAsync();
        var name = $"Aa Bovine leather weekend bag with brass buckles and a long shoulder strap {w.Tag}";
        await using (var scope = factory.Db())
        {
            scope.Context.CatalogItems.Add(new Domain.Catalog.CatalogItem { Key = $"bag-{w.Tag}", Name = name, Kind = Domain.Catalog.CatalogItemKind.Item });
            await scope.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await factory.AddCodeAsync(w.HomeId, w.Code("BAG"), c => (c.RedemptionType, c.Amount) = (RedemptionType.Percentage, 10));
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/diagnose?code=" + w.Code("BAG"));
        Assert.Contains(page.QuerySelectorAll("#Lines_0__ItemKey option"), o => o.TextContent.StartsWith(name, StringComparison.Ordinal));
        var result = await WebSession.ParseAsync(await session.SubmitAsync(page, "form[action='/diagnose']", new()
        {
            ["LocationKey"] = [w.Home], ["Lines[0].ItemKey"] = [$"bag-{w.Tag}"], ["Lines[0].UnitPrice"] = ["40"], ["Lines[0].Quantity"] = ["1"],
        }));
        Assert.Equal($"Line 1: {name}", result.QuerySelector("[data-testid=discount-line]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Diagnose_with_a_price_and_quantity_past_the_bounds_shows_the_fields_errors_not_a_failure()
    {
        var w = await factory.WorldAsync();
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/diagnose");
        var response = await session.SubmitAsync(page, "form[action='/diagnose']", new()
        {
            ["LocationKey"] = [w.Home], ["Code"] = ["ANYTHING"], ["Lines[0].ItemKey"] = [w.ItemKey], ["Lines[0].UnitPrice"] = ["100000000000000000000"],
            ["Lines[0].Quantity"] = ["1000000000"],
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var errors = (await WebSession.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent;
        Assert.Contains("unitPrice must be between 0 and 1,000,000,000", errors);
        Assert.Contains("quantity must be between 1 and 100,000", errors);
    }

    [Fact]
    public async Task Diagnose_shows_the_purchase_customer_and_budget_checks_and_leaves_gift_card_lines_out()
    {
        var w = await factory.WorldAsync();
        int campaignId;
        await using (var scope = factory.Db())
        {
            var campaign = new Domain.Lookups.Campaign { Name = $"Diagnose {w.Tag}", BudgetMaxDiscount = 100m, BudgetMaxRedemptions = 10 };
            scope.Context.Campaigns.Add(campaign);
            await scope.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
            campaignId = campaign.Id;
        }
        await factory.AddCodeAsync(w.HomeId, w.Code("GIFTS"), c =>
        {
            (c.RedemptionType, c.Amount, c.ValueType) = (RedemptionType.Percentage, 10, Domain.PromoCodes.ValueScope.PerLineItem);
            (c.PurchaseDaysOfWeek, c.UsesPerCustomer, c.UsesPerCustomerPeriod, c.CampaignId) = (BookingDays.Wed, 2, UsagePeriod.Month, campaignId);
        });
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/diagnose?code=" + w.Code("GIFTS"));

        // 2026-12-02 15:00 at the New York location (the purchase time is its wall clock) is a Wednesday. The gift card line is left out: only the item line is discounted.
        Dictionary<string, string[]> Cart(string purchaseAt) => new()
        {
            ["LocationKey"] = [w.Home], ["PurchaseAt"] = [purchaseAt], ["CustomerKey"] = [$"cust-{w.Tag}"],
            ["Lines[0].ItemKey"] = [w.GiftKey], ["Lines[0].UnitPrice"] = ["50"], ["Lines[0].Quantity"] = ["1"],
            ["Lines[1].ItemKey"] = [w.ItemKey], ["Lines[1].UnitPrice"] = ["20"], ["Lines[1].Quantity"] = ["1"],
        };
        var result = await WebSession.ParseAsync(await session.SubmitAsync(page, "form[action='/diagnose']", Cart("2026-12-02T15:00")));
        string Label(string code) => result.QuerySelector($"[data-check={code}] .fw-semibold")!.TextContent.Trim();
        string Message(string code) => result.QuerySelector($"[data-check={code}] .small")!.TextContent.Trim();
        var order = result.QuerySelectorAll("[data-check]").Select(c => c.GetAttribute("data-check")).ToList();
        Assert.Equal(["outside_purchase_dates", "purchase_day_not_allowed", "purchase_time_not_allowed"], order.Skip(order.IndexOf("outside_purchase_dates")).Take(3));
        Assert.Equal(["already_used_by_account", "customer_limit_reached", "not_combinable", "budget_exhausted"], order.Skip(order.IndexOf("already_used_by_account")));
        Assert.Equal(("Purchase day", "Purchase time", "Uses per customer", "Campaign budget"),
            (Label("purchase_day_not_allowed"), Label("purchase_time_not_allowed"), Label("customer_limit_reached"), Label("budget_exhausted")));
        Assert.Contains("Wed", Message("purchase_day_not_allowed"));
        Assert.Contains("0 times of 2 uses per customer each month", Message("customer_limit_reached"));
        Assert.Contains("10 redemptions and 100.00 of discount left", Message("budget_exhausted"));
        Assert.All(result.QuerySelectorAll("[data-check]"), c => Assert.Equal("true", c.GetAttribute("data-passed")));
        Assert.Equal("$2.00", result.QuerySelector("[data-testid=discount-total]")!.TextContent.Trim());

        // A Thursday there fails the purchase day check, with the allowed days.
        var thursday = await WebSession.ParseAsync(await session.SubmitAsync(result, "form[action='/diagnose']", Cart("2026-12-03T15:00")));
        Assert.Equal("false", thursday.QuerySelector("[data-check=purchase_day_not_allowed]")!.GetAttribute("data-passed"));
        Assert.Contains("This code can only be used on Wed", thursday.QuerySelector(".alert-danger")!.TextContent);
    }
}
