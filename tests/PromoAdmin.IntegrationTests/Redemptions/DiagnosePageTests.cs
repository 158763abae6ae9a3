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
    public async Task Diagnose_with_no_cart_lines_shows_the_error_and_no_verdict()
    {
        var w = await factory.WorldAsync();
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync("/diagnose");
        var response = await session.SubmitAsync(page, "form[action='/diagnose']", new() { ["LocationKey"] = [w.Home], ["Code"] = ["ANYTHING"] });
        var result = await WebSession.ParseAsync(response);
        Assert.Contains("Send at least one cart line.", result.QuerySelector(".alert-danger")!.TextContent);
        Assert.Null(result.QuerySelector("[data-testid=diagnosis]"));
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
}
