using System.Net;
using AngleSharp.Html.Dom;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The create and edit form of a promo code: labels, saving, field errors, duplication to other locations, and the
/// buttons that re-render it (eligibility rules, quick add, exclusion dates).
/// With JavaScript off: real forms with their antiforgery tokens, Post/Redirect/Get, messages.
/// Every test works at its own location (WorldAsync), so lists hold only its own codes; no code here is all-locations.
/// </summary>
public sealed class PromoCodeFormPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Weekends_only_code_is_created_through_the_form_and_listed_with_its_value()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("WEEKEND");
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        foreach (var label in new[] { "Promo code", "Description", "Promo code group", "Redemption type", "Value type", "Amount", "Purchase start date",
                     "Purchase end date", "Can be combined with other promo codes", "Can only be applied internally", "Available at all locations",
                     "Display", "Discount limit", "Order minimum", "Offer type", "Marketing campaign", "P&L allocation", "Transaction type",
                     "Only apply discount to applicable items", "Variant targeting group", "Credit from overage", "Free ground shipping",
                     "First order only", "One use per account", "Booking start time", "Purchase start time", "Applies to gift cards" })
            Assert.True(form.QuerySelectorAll("label").Any(l => l.TextContent.Trim().StartsWith(label)), $"No label '{label}'.");
        foreach (var legend in new[] { "Quantity", "Allowed purchase dates", "Allowed purchase days", "Allowed purchase time", "Applicable to",
                     "Applicable groups", "Excluded items", "Excluded groups", "Uses per customer", "Allowed booking dates", "Allowed booking time",
                     "Allowed days of the week", "Exclusion dates", "Duplicate to other locations" })
            Assert.True(form.QuerySelectorAll("legend").Any(l => l.TextContent.Trim().StartsWith(legend)), $"No legend '{legend}'.");
        Assert.Equal(["Promo code details", "Redemption rules", "Purchase rules", "Usage and application rules", "Eligibility rules", "Duplication"],
            form.QuerySelectorAll("form .form-section > h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], form.QuerySelectorAll("[data-field=daysOfWeek] .day-pills label").Select(l => l.TextContent.Trim()));
        // The new fields sit in their sections: purchase days and times with the purchase rules, the rest with usage.
        Assert.Equal(["purchaseDates", "purchaseDaysOfWeek", "purchaseTime"], form.QuerySelectorAll("#section-purchase [data-field]").Select(f => f.GetAttribute("data-field")));
        foreach (var field in new[] { "applicableGroups", "excludedItems", "excludedGroups", "includeGiftCards", "usesPerCustomer" })
            Assert.NotNull(form.QuerySelector($"#section-usage [data-field={field}]"));
        Assert.Equal(["all-events", "all-items", "all-gift-cards"],
            form.QuerySelectorAll("input[name=ApplicableGroups]").Select(i => i.GetAttribute("value")).Take(3));
        Assert.Equal(["Ever", "Day", "Week", "Month"], form.QuerySelectorAll("select[name=UsesPerCustomerPeriod] option").Select(o => o.GetAttribute("value")));

        var created = await session.SubmitAsync(form, SaveForm, new()
        {
            ["Code"] = [code], ["Description"] = ["Weekend special"], ["RedemptionType"] = ["Percentage"], ["Amount"] = ["15"],
            ["DaysOfWeek"] = ["sat", "sun"], ["ApplicableTo"] = [world.EventKey],
        });
        var list = await session.FollowAsync(created);
        Assert.Contains($"Promo code {code} created.", Success(list));
        Assert.Equal("Total results: 1", TotalResults(list));
        var row = Row(list, code);
        Assert.Contains("Weekend special", Cell(row, 0));
        Assert.Equal("-", Cell(row, 1));
        Assert.Equal("15%", row.QuerySelector(".value-amount")!.TextContent.Trim());
        Assert.Equal("per line item", row.QuerySelector(".value-suffix")!.TextContent.Trim());
        Assert.Contains("games", Cell(row, 3));
        Assert.Equal(world.EventName, row.QuerySelector(".scope-badge")!.GetAttribute("title"));
        Assert.Contains("Sat, Sun", Cell(row, 5));
        Assert.Equal("Unlimited", Cell(row, 7));
        Assert.Equal("0", Cell(row, 8));
        Assert.Contains("Edit promo code", RowActions(row));
        Assert.DoesNotContain("View associated transactions", RowActions(row));

        await using var scope = factory.Db();
        var stored = await scope.Context.PromoCodes.SingleAsync(c => c.Code == code, Ct);
        Assert.Equal((BookingDays.Sat | BookingDays.Sun, 15m, world.HomeId), (stored.DaysOfWeek, stored.Amount, stored.LocationId));
        Assert.Equal([world.EventKey], stored.ApplicableTo);
    }

    [Fact]
    public async Task Editing_a_code_through_its_form_saves_the_change()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("EDITME");
        var saved = await factory.CodeAsync(new PromoCodeInput
        {
            Code = code, LocationKey = world.Home, RedemptionType = RedemptionType.Value, Amount = 5, ValueType = Domain.PromoCodes.ValueScope.PerTransaction,
            Quantity = 40, DaysOfWeek = ["mon"], ApplicableTo = [world.EventKey], ExclusionDates = [new DateOnly(2030, 12, 25)],
        });
        var session = await AdminAtAsync(factory, world.Home);
        var list = await session.GetPageAsync("/promo-codes");
        Assert.Equal("$5.00", Row(list, code).QuerySelector(".value-amount")!.TextContent.Trim());
        Assert.Equal("per transaction", Row(list, code).QuerySelector(".value-suffix")!.TextContent.Trim());
        Assert.Equal("40 left of 40: 0 used", Cell(Row(list, code), 7));

        var form = await session.GetPageAsync(ActionLink(Row(list, code), "Edit promo code"));
        Assert.Equal("Edit promo code", form.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        Assert.Equal(code, Value(form, "Code"));
        Assert.Equal("Value", Value(form, "RedemptionType"));
        Assert.Equal(["Limited"], Checked(form, "QuantityChoice"));
        Assert.Equal("40", Value(form, "Quantity"));
        Assert.Equal(["mon"], Checked(form, "DaysOfWeek"));
        Assert.Contains("2030-12-25", form.QuerySelectorAll("input[name=ExclusionDates]").OfType<IHtmlInputElement>().Select(i => i.Value));
        Assert.Equal("Update", form.QuerySelectorAll("form button[type=submit].btn-primary").Last().TextContent.Trim());

        var updated = await session.SubmitAsync(form, SaveForm, new() { ["Amount"] = ["7.5"], ["Description"] = ["Now bigger"], ["QuantityChoice"] = ["Unlimited"] });
        var after = await session.FollowAsync(updated);
        Assert.Contains($"Promo code {code} updated.", Success(after));
        Assert.Contains("$7.50", Cell(Row(after, code), 2));
        Assert.Equal("Unlimited", Cell(Row(after, code), 7));

        await using var scope = factory.Db();
        var stored = await scope.Context.PromoCodes.SingleAsync(c => c.Id == saved.Id, Ct);
        Assert.Equal((7.5m, (int?)null, "Now bigger"), (stored.Amount, stored.Inventory.Quantity, stored.Description));
        Assert.Equal([new DateOnly(2030, 12, 25)], stored.ExclusionDates);
        Assert.Equal(BookingDays.Mon, stored.DaysOfWeek);
    }

    [Fact]
    public async Task Bad_input_shows_each_field_error_and_saves_nothing()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("TOOMUCH");
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        var response = await session.SubmitAsync(form, SaveForm, new()
        {
            ["Code"] = [code], ["RedemptionType"] = ["Percentage"], ["Amount"] = ["150"], ["DaysOfWeek"] = ["sat"],
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebSession.ParseAsync(response);
        Assert.Equal("A percentage discount cannot be more than 100%.", FieldError(page, "Amount"));
        Assert.Contains("Nothing was saved", page.QuerySelector("[data-error-summary]")!.TextContent);
        Assert.Equal(code, Value(page, "Code"));
        Assert.Equal("150", Value(page, "Amount"));
        Assert.Equal(["sat"], Checked(page, "DaysOfWeek"));

        // "Available between dates" needs both dates; a form-shape error, checked before the domain.
        response = await session.SubmitAsync(page, SaveForm, new() { ["Amount"] = ["10"], ["PurchaseDates"] = ["Between"], ["PurchaseStart"] = ["2031-02-01"] });
        page = await WebSession.ParseAsync(response);
        Assert.Contains("Purchase end date is required", FieldError(page, "PurchaseEnd"));

        response = await session.SubmitAsync(page, SaveForm, new() { ["PurchaseEnd"] = ["2031-01-01"] });
        page = await WebSession.ParseAsync(response);
        Assert.Equal("Purchase end date cannot be before the start date.", FieldError(page, "PurchaseEnd"));

        response = await session.SubmitAsync(page, SaveForm, new() { ["Code"] = ["no spaces allowed"], ["PurchaseDates"] = ["Any"] });
        page = await WebSession.ParseAsync(response);
        Assert.Contains("letters, digits", FieldError(page, "Code"));

        await using var scope = factory.Db();
        Assert.False(await scope.Context.PromoCodes.AnyAsync(c => c.LocationId == world.HomeId, Ct));
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_on_its_field()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("TWICE");
        await factory.CodeAsync(new PromoCodeInput { Code = code, LocationKey = world.Home, Amount = 5 });
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        var response = await session.SubmitAsync(form, SaveForm, new() { ["Code"] = [code.ToLowerInvariant()], ["Amount"] = ["5"] });
        var page = await WebSession.ParseAsync(response);
        Assert.Contains("already exists at this location", FieldError(page, "Code"));
    }

    [Fact]
    public async Task A_taken_code_and_a_bad_amount_are_both_reported_by_one_post_on_create_and_on_edit()
    {
        var world = await factory.WorldAsync();
        var taken = world.Code("TAKEN");
        await factory.CodeAsync(new PromoCodeInput { Code = taken, LocationKey = world.Home, Amount = 5 });
        var other = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("OTHER"), LocationKey = world.Home, Amount = 5 });
        var session = await AdminAtAsync(factory, world.Home);
        var pages = new[] { await session.GetPageAsync("/promo-codes/create"), await session.GetPageAsync($"/promo-codes/{other.Id}/edit") };
        foreach (var form in pages)
        {
            var page = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new()
            {
                ["Code"] = [taken.ToLowerInvariant()], ["RedemptionType"] = ["Percentage"], ["Amount"] = ["150"],
            }));
            Assert.Equal("A percentage discount cannot be more than 100%.", FieldError(page, "Amount"));
            Assert.Equal($"Promo code {taken} already exists at this location.", FieldError(page, "Code"));
            var summary = page.QuerySelector("[data-error-summary]")!.TextContent;
            Assert.Contains("more than 100%", summary);
            Assert.Contains("already exists at this location", summary);
        }

        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.LocationId == world.HomeId).OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal([(taken, 5m), (world.Code("OTHER"), 5m)], codes.Select(c => (c.Code, c.Amount)));
    }

    [Fact]
    public async Task Duplicate_to_other_locations_at_create_makes_a_copy_at_each_location()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("DUPE");
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        Assert.NotNull(form.QuerySelector($"input[name=DuplicateTo][value='{world.Away}']"));
        Assert.Null(form.QuerySelector($"input[name=DuplicateTo][value='{world.Home}']"));
        var created = await session.FollowAsync(await session.SubmitAsync(form, SaveForm, new() { ["Code"] = [code], ["Amount"] = ["3"], ["DuplicateTo"] = [world.Away] }));
        Assert.Contains("duplicated to 1 other location", Success(created));
        await using var scope = factory.Db();
        Assert.Equal(2, await scope.Context.PromoCodes.CountAsync(c => c.Code == code && (c.LocationId == world.HomeId || c.LocationId == world.AwayId), Ct));
    }

    [Fact]
    public async Task Eligibility_rules_are_added_and_removed_without_javascript_and_a_buy_x_get_y_rule_shows_the_alert()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("RULES");
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        Assert.Null(form.QuerySelector("[name='EligibilityRules[0].Type']"));
        Assert.True(form.QuerySelector("[data-bxgy-alert]")!.HasAttribute("hidden"));

        var withRule = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new() { ["Code"] = [code], ["Command"] = ["add-rule"] }));
        Assert.Equal(code, Value(withRule, "Code"));
        Assert.Equal("MinimumQuantity", Value(withRule, "EligibilityRules[0].Type"));
        Assert.DoesNotContain(withRule.QuerySelectorAll("[data-valmsg-for].invalid-feedback"), e => e.TextContent.Trim().Length > 0);

        var twoRules = await WebSession.ParseAsync(await session.SubmitAsync(withRule, SaveForm, new()
        {
            ["EligibilityRules[0].Type"] = ["BuyXGetY"], ["EligibilityRules[0].BuyQuantity"] = ["2"], ["EligibilityRules[0].GetQuantity"] = ["1"],
            ["EligibilityRules[0].GetPercentOff"] = ["100"], ["Command"] = ["add-rule"],
        }));
        Assert.False(twoRules.QuerySelector("[data-bxgy-alert]")!.HasAttribute("hidden"));
        Assert.Contains("This discount applies in addition to Buy X Get Y rules. Set amount to 0 for rule-based discount only.",
            twoRules.QuerySelector("[data-bxgy-alert]")!.TextContent);
        Assert.Equal("MinimumQuantity", Value(twoRules, "EligibilityRules[1].Type"));

        // A rule with a bad minimum shows its error on the rule's field.
        var bad = await WebSession.ParseAsync(await session.SubmitAsync(twoRules, SaveForm, new() { ["EligibilityRules[1].Minimum"] = ["0"], ["Amount"] = ["0"] }));
        Assert.Equal("The minimum quantity must be at least 1.", FieldError(bad, "EligibilityRules[1].Minimum"));

        var removed = await WebSession.ParseAsync(await session.SubmitAsync(bad, SaveForm, new() { ["Command"] = ["remove-rule:1"] }));
        Assert.Null(removed.QuerySelector("[name='EligibilityRules[1].Type']"));
        var saved = await session.FollowAsync(await session.SubmitAsync(removed, SaveForm));
        Assert.Contains("created", Success(saved));

        await using var scope = factory.Db();
        var rule = Assert.Single((await scope.Context.PromoCodes.SingleAsync(c => c.Code == code, Ct)).EligibilityRules);
        Assert.Equal((EligibilityRuleType.BuyXGetY, (int?)2, (int?)1, (decimal?)100m), (rule.Type, rule.BuyQuantity, rule.GetQuantity, rule.GetPercentOff));
    }

    [Fact]
    public async Task A_buy_x_get_y_rule_with_get_percent_off_left_empty_saves_as_free_as_its_placeholder_says()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("FREEGET");
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        var withRule = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new() { ["Code"] = [code], ["Command"] = ["add-rule"] }));
        Assert.Equal("100", withRule.QuerySelector("[name='EligibilityRules[0].GetPercentOff']")!.GetAttribute("placeholder"));

        var saved = await session.SubmitAsync(withRule, SaveForm, new()
        {
            ["Amount"] = ["0"], ["EligibilityRules[0].Type"] = ["BuyXGetY"], ["EligibilityRules[0].BuyQuantity"] = ["2"],
            ["EligibilityRules[0].GetQuantity"] = ["1"], ["EligibilityRules[0].GetPercentOff"] = [""],
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await session.FollowAsync(saved);
        Assert.Contains($"Promo code {code} created.", Success(list));
        Assert.Equal("Buy 2 get 1 free", Row(list, code).QuerySelector(".value-amount")!.TextContent.Trim());

        await using var scope = factory.Db();
        var rule = Assert.Single((await scope.Context.PromoCodes.SingleAsync(c => c.Code == code, Ct)).EligibilityRules);
        Assert.Equal((EligibilityRuleType.BuyXGetY, (decimal?)100m), (rule.Type, rule.GetPercentOff));
    }

    [Fact]
    public async Task Quick_add_and_exclusion_dates_work_as_re_render_buttons()
    {
        var world = await factory.WorldAsync();
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        Assert.Equal(["All games", "All items", "All gift card types"], form.QuerySelectorAll("[data-field=applicableTo] [data-quick-add]").Select(b => b.TextContent.Trim()));
        Assert.Empty(form.QuerySelectorAll("[data-field=excludedItems] [data-quick-add]"));
        var games = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new() { ["Command"] = ["quick-add:all-events"] }));
        Assert.Equal(["all-events"], Checked(games, "ApplicableGroups"));
        Assert.Empty(Checked(games, "ApplicableTo"));
        Assert.Contains("Added the group All games (events) to Applicable groups", games.QuerySelector(".alert-info")!.TextContent);
        Assert.Contains("added to the catalog later", games.QuerySelector(".alert-info")!.TextContent);

        // Gift cards are left out unless the code includes them: the quick-add turns the switch on with the group.
        var gifts = await WebSession.ParseAsync(await session.SubmitAsync(games, SaveForm, new() { ["Command"] = ["quick-add:all-gift-cards"] }));
        Assert.Equal(["all-events", "all-gift-cards"], Checked(gifts, "ApplicableGroups"));
        Assert.Contains("true", Checked(gifts, "IncludeGiftCards"));
        Assert.Contains("\"Applies to gift cards\" is now on.", gifts.QuerySelector(".alert-info")!.TextContent);

        var oneDate = await WebSession.ParseAsync(await session.SubmitAsync(games, SaveForm, new() { ["ExclusionDates"] = ["2031-07-04"], ["Command"] = ["add-exclusion"] }));
        var dates = oneDate.QuerySelectorAll("input[name=ExclusionDates]").OfType<IHtmlInputElement>().Select(i => i.Value).ToList();
        Assert.Equal(["2031-07-04", ""], dates);
        var noDate = await WebSession.ParseAsync(await session.SubmitAsync(oneDate, SaveForm, new() { ["Command"] = ["remove-exclusion:0"] }));
        Assert.Equal([""], noDate.QuerySelectorAll("input[name=ExclusionDates]").OfType<IHtmlInputElement>().Select(i => i.Value));
    }

    [Fact]
    public async Task Every_new_setting_is_saved_through_the_form_shown_on_the_edit_page_and_returned_by_the_api()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("RULESET");
        var groupKey = $"arcade-{world.Tag}";
        await using (var scope = factory.Db())
        {
            scope.Context.VariantTargetingGroups.Add(new VariantTargetingGroup { Key = groupKey, Name = $"Arcade {world.Tag}", ItemKeys = [world.ItemKey] });
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        Assert.Contains(groupKey, form.QuerySelectorAll("input[name=ExcludedGroups]").Select(i => i.GetAttribute("value")));
        var values = new Dictionary<string, string[]>
        {
            ["Code"] = [code], ["Amount"] = ["10"], ["ApplicableTo"] = [world.ItemKey], ["ApplicableGroups"] = ["all-events", "all-gift-cards"],
            ["ExcludedItems"] = [world.EventKey], ["ExcludedGroups"] = [groupKey], ["IncludeGiftCards"] = ["true"],
            ["PurchaseDaysOfWeek"] = ["mon", "fri"], ["PurchaseTime"] = ["Between"], ["PurchaseTimeStart"] = ["09:00"],
            ["UsesPerCustomer"] = ["3"], ["UsesPerCustomerPeriod"] = ["Week"],
        };

        // "Available between times" needs both ends: a form-shape error on the missing one, and everything typed stays.
        var missingEnd = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, values));
        Assert.Equal("Purchase end time is required when \"Available between times\" is picked.", FieldError(missingEnd, "PurchaseTimeEnd"));
        Assert.Equal(["mon", "fri"], Checked(missingEnd, "PurchaseDaysOfWeek"));
        Assert.Equal([world.EventKey], Checked(missingEnd, "ExcludedItems"));
        Assert.Equal("3", Value(missingEnd, "UsesPerCustomer"));

        var created = await session.FollowAsync(await session.SubmitAsync(missingEnd, SaveForm, new() { ["PurchaseTimeEnd"] = ["17:30"] }));
        Assert.Contains($"Promo code {code} created.", Success(created));
        int id;
        await using (var scope = factory.Db())
        {
            var stored = await scope.Context.PromoCodes.SingleAsync(c => c.Code == code, Ct);
            id = stored.Id;
            Assert.Equal(["all-events", "all-gift-cards"], stored.ApplicableGroups);
            Assert.Equal([world.EventKey], stored.ExcludedItems);
            Assert.Equal([groupKey], stored.ExcludedGroups);
            Assert.Equal((true, BookingDays.Mon | BookingDays.Fri, new TimeOnly(9, 0), new TimeOnly(17, 30), (int?)3, UsagePeriod.Week),
                (stored.IncludeGiftCards, stored.PurchaseDaysOfWeek, stored.PurchaseTimeStart, stored.PurchaseTimeEnd, stored.UsesPerCustomer, stored.UsesPerCustomerPeriod));
        }

        var edit = await session.GetPageAsync($"/promo-codes/{id}/edit");
        Assert.Equal(["all-events", "all-gift-cards"], Checked(edit, "ApplicableGroups"));
        Assert.Equal([world.ItemKey], Checked(edit, "ApplicableTo"));
        Assert.Equal([world.EventKey], Checked(edit, "ExcludedItems"));
        Assert.Equal([groupKey], Checked(edit, "ExcludedGroups"));
        Assert.Contains("true", Checked(edit, "IncludeGiftCards"));
        Assert.Equal(["mon", "fri"], Checked(edit, "PurchaseDaysOfWeek"));
        Assert.Empty(Checked(edit, "DaysOfWeek"));
        Assert.Equal(["Between"], Checked(edit, "PurchaseTime"));
        Assert.Equal(("09:00", "17:30"), (Value(edit, "PurchaseTimeStart"), Value(edit, "PurchaseTimeEnd")));
        Assert.Equal(("3", "Week"), (Value(edit, "UsesPerCustomer"), Value(edit, "UsesPerCustomerPeriod")));

        var got = await factory.ApiClient().GetAsync($"/api/v1/promo-codes/{id}", Ct).ExpectAsync(HttpStatusCode.OK);
        static string[] Strings(System.Text.Json.JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();
        Assert.Equal(["all-events", "all-gift-cards"], Strings(got.GetProperty("applicableGroups")));
        Assert.Equal([world.EventKey], Strings(got.GetProperty("excludedItems")));
        Assert.Equal([groupKey], Strings(got.GetProperty("excludedGroups")));
        Assert.True(got.GetProperty("includeGiftCards").GetBoolean());
        Assert.Equal(["mon", "fri"], Strings(got.GetProperty("purchaseDaysOfWeek")));
        Assert.Equal(("09:00", "17:30"), (got.GetProperty("purchaseTimeStart").GetString(), got.GetProperty("purchaseTimeEnd").GetString()));
        Assert.Equal(3, got.GetProperty("usesPerCustomer").GetInt32());
        Assert.Equal("week", got.GetProperty("usesPerCustomerPeriod").GetString());

        // Saving the edit page untouched keeps every value (the form round-trips them); "any times" and a blank limit clear them.
        await session.FollowAsync(await session.SubmitAsync(edit, SaveForm));
        var again = await session.GetPageAsync($"/promo-codes/{id}/edit");
        Assert.Equal(["all-events", "all-gift-cards"], Checked(again, "ApplicableGroups"));
        Assert.Equal(("09:00", "3", "Week"), (Value(again, "PurchaseTimeStart"), Value(again, "UsesPerCustomer"), Value(again, "UsesPerCustomerPeriod")));
        await session.FollowAsync(await session.SubmitAsync(again, SaveForm, new() { ["PurchaseTime"] = ["Any"], ["UsesPerCustomer"] = [""] }));
        await using (var scope = factory.Db())
        {
            var stored = await scope.Context.PromoCodes.SingleAsync(c => c.Id == id, Ct);
            Assert.Equal(((TimeOnly?)null, (TimeOnly?)null, (int?)null, BookingDays.Mon | BookingDays.Fri, true),
                (stored.PurchaseTimeStart, stored.PurchaseTimeEnd, stored.UsesPerCustomer, stored.PurchaseDaysOfWeek, stored.IncludeGiftCards));
        }
    }

    [Fact]
    public async Task Quick_add_all_games_targets_the_live_group_so_an_event_added_to_the_catalog_later_qualifies_at_checkout()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("ALLGAMES");
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        var games = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new() { ["Code"] = [code], ["Amount"] = ["10"], ["Command"] = ["quick-add:all-events"] }));
        Assert.Equal(["all-events"], Checked(games, "ApplicableGroups"));
        Assert.Contains($"Promo code {code} created.", Success(await session.FollowAsync(await session.SubmitAsync(games, SaveForm))));

        // A game the catalog did not have when the code was saved.
        var later = $"event-later-{world.Tag}";
        var api = factory.ApiClient();
        var added = await api.PostAsJsonAsync("/api/v1/catalog-items", new { key = later, name = $"Laser Tag {world.Tag}", kind = "event" }, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var response = await api.PostAsJsonAsync("/api/v1/checkout/validate", new
        {
            code, locationKey = world.Home,
            lines = new[]
            {
                new { lineId = "1", itemKey = later, unitPrice = 40m, quantity = 1 },
                new { lineId = "2", itemKey = world.ItemKey, unitPrice = 30m, quantity = 1 },
            },
        }, Ct);
        var verdict = await response.JsonAsync();
        Assert.True(verdict.GetProperty("valid").GetBoolean(), verdict.ToString());
        var lines = verdict.GetProperty("discount").GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(("1", 4.00m), (lines.Single().GetProperty("lineId").GetString(), lines.Single().GetProperty("amount").GetDecimal()));
        Assert.Equal(4.00m, verdict.GetProperty("discount").GetProperty("total").GetDecimal());
    }
}
