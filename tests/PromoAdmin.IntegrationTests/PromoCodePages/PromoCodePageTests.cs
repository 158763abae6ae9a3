using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;
using PromoAdmin.Tests;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The promo codes page with JavaScript off: real forms with their antiforgery tokens, Post/Redirect/Get, messages.
/// Every test works at its own location (WorldAsync), so lists hold only its own codes; no code here is all-locations.
/// </summary>
public sealed class PromoCodePageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_location_shows_the_empty_state_on_both_code_tabs()
    {
        var world = await factory.WorldAsync();
        var session = await AdminAtAsync(factory, world.Home);
        var active = await session.GetPageAsync("/promo-codes");
        Assert.Equal("You have no promo codes.", active.QuerySelector(".empty-state .empty-title")!.TextContent.Trim());
        Assert.Equal("Total results: 0", TotalResults(active));
        Assert.Equal(["Promo codes", "Archived promo codes", "Promo code groups"], active.QuerySelectorAll(".promo-tabs a").Select(a => a.TextContent.Trim()));
        Assert.NotNull(active.QuerySelector("a[href='/promo-codes/create']"));
        Assert.NotNull(active.QuerySelector("a[href='/promo-codes/bulk-update']"));
        Assert.Equal("Promo codes", active.QuerySelector("nav[aria-label=Main] a.active")!.TextContent.Trim());

        var archived = await session.GetPageAsync("/promo-codes?tab=archived");
        Assert.Equal("You have no promo codes.", archived.QuerySelector(".empty-state .empty-title")!.TextContent.Trim());
        Assert.Null(archived.QuerySelector("a[href='/promo-codes/bulk-update']"));
    }

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
                     "First order only", "One use per account", "Booking start time" })
            Assert.True(form.QuerySelectorAll("label").Any(l => l.TextContent.Trim().StartsWith(label)), $"No label '{label}'.");
        foreach (var legend in new[] { "Quantity", "Allowed purchase dates", "Applicable to", "Allowed booking dates", "Allowed booking time",
                     "Allowed days of the week", "Exclusion dates", "Duplicate to other locations" })
            Assert.True(form.QuerySelectorAll("legend").Any(l => l.TextContent.Trim().StartsWith(legend)), $"No legend '{legend}'.");
        Assert.Equal(["Promo code details", "Redemption rules", "Purchase rules", "Usage and application rules", "Eligibility rules", "Duplication"],
            form.QuerySelectorAll("form .form-section > h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], form.QuerySelectorAll(".day-pills label").Select(l => l.TextContent.Trim()));

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
        Assert.Equal("40", Cell(Row(list, code), 7));

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
    public async Task Archive_moves_the_code_to_the_archived_tab_and_unarchive_brings_it_back()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("ARCHIVE");
        var saved = await factory.CodeAsync(new PromoCodeInput { Code = code, LocationKey = world.Home, Amount = 10 });
        var session = await AdminAtAsync(factory, world.Home);
        var list = await session.GetPageAsync("/promo-codes");
        var archiveForm = Row(list, code).QuerySelector($"form[action='/promo-codes/{saved.Id}/archive']")!;
        Assert.False(string.IsNullOrEmpty(archiveForm.GetAttribute("data-confirm")));

        var archived = await session.FollowAsync(await session.SubmitAsync(list, $"form[action='/promo-codes/{saved.Id}/archive']"));
        Assert.Contains($"Promo code {code} archived.", Success(archived));
        Assert.False(HasRow(archived, code));

        var archivedTab = await session.GetPageAsync("/promo-codes?tab=archived");
        Assert.Equal("Archived promo codes", archivedTab.QuerySelector(".promo-tabs a.active")!.TextContent.Trim());
        var row = Row(archivedTab, code);
        Assert.Contains("Unarchive promo code", RowActions(row));
        Assert.DoesNotContain("Archive promo code", RowActions(row));

        var back = await session.FollowAsync(await session.SubmitAsync(archivedTab, $"form[action='/promo-codes/{saved.Id}/unarchive']"));
        Assert.Contains($"Promo code {code} unarchived.", Success(back));
        Assert.False(HasRow(back, code));
        Assert.True(HasRow(await session.GetPageAsync("/promo-codes"), code));
    }

    [Fact]
    public async Task Filters_and_paging_live_in_the_query_string()
    {
        var world = await factory.WorldAsync();
        var groupId = await factory.GroupAsync($"Filter group {world.Tag}");
        for (var i = 1; i <= 7; i++)
            await factory.CodeAsync(new PromoCodeInput { Code = world.Code($"PAGE{i}X"), LocationKey = world.Home, Amount = i, GroupId = i <= 2 ? groupId : null });
        var session = await AdminAtAsync(factory, world.Home);

        var first = await session.GetPageAsync("/promo-codes?pageSize=5");
        Assert.Equal("Total results: 7", TotalResults(first));
        Assert.Equal(5, first.QuerySelectorAll("table.promo-table tbody tr").Length);
        Assert.Equal("5", ((IHtmlSelectElement)first.QuerySelector("select[name=pageSize]")!).Value);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("pageSize=5", next);
        Assert.Equal(2, (await session.GetPageAsync(next)).QuerySelectorAll("table.promo-table tbody tr").Length);

        var byText = await session.GetPageAsync($"/promo-codes?code=page3x{world.Tag.ToLowerInvariant()}");
        Assert.Equal("Total results: 1", TotalResults(byText));
        Assert.True(HasRow(byText, world.Code("PAGE3X")));

        var byGroup = await session.GetPageAsync($"/promo-codes?groupId={groupId}");
        Assert.Equal("Total results: 2", TotalResults(byGroup));
        Assert.True(((IHtmlInputElement)byGroup.QuerySelector($"input[name=groupId][value='{groupId}']")!).IsChecked);
        Assert.Contains($"Filter group {world.Tag}", Cell(Row(byGroup, world.Code("PAGE1X")), 1));
        Assert.Equal("/promo-codes", byGroup.QuerySelector("a[aria-label='Reset all filters']")!.GetAttribute("href"));
        Assert.Equal($"/promo-codes/export?groupId={groupId}", byGroup.QuerySelector("a[aria-label='Download CSV']")!.GetAttribute("href"));
        // The groups tab counts the location's codes in each group, linking to the same filter.
        var groupsTab = await session.GetPageAsync($"/promo-code-groups?search=Filter group {world.Tag}");
        var countLink = groupsTab.QuerySelector($"a[href='/promo-codes?groupId={groupId}']")!;
        Assert.Equal("2", countLink.TextContent.Trim());

        var none = await session.GetPageAsync("/promo-codes?code=nothing-matches-this");
        Assert.Equal("No promo codes match these filters.", none.QuerySelector(".empty-state .empty-title")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_batch_show_list_narrows_the_list_and_the_csv_to_the_batch()
    {
        var world = await factory.WorldAsync();
        var inBatch = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("BATCHED"), LocationKey = world.Home, Amount = 10 });
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("LOOSE"), LocationKey = world.Home, Amount = 10 });
        int batchId;
        await using (var scope = factory.Db())
        {
            var batch = new Domain.Batches.Batch
            {
                LocationId = world.HomeId, Name = $"Spring batch {world.Tag}", SettingsJson = "{}", Status = Domain.Batches.BatchStatus.Ready,
                RequestedCount = 1, GeneratedCount = 1, CreatedAt = DateTimeOffset.UtcNow,
            };
            scope.Context.Batches.Add(batch);
            await scope.Context.SaveChangesAsync(Ct);
            batchId = batch.Id;
            await scope.Context.PromoCodes.Where(c => c.Id == inBatch.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.BatchId, batchId), Ct);
        }
        var session = await AdminAtAsync(factory, world.Home);
        var list = await session.GetPageAsync($"/promo-codes?batchId={batchId}");
        Assert.Equal("Total results: 1", TotalResults(list));
        Assert.True(HasRow(list, world.Code("BATCHED")));
        Assert.Equal($"Batch: Spring batch {world.Tag}", list.QuerySelector("[data-testid=batch-filter]")!.TextContent.Trim());
        Assert.Equal($"/promo-codes/export?batchId={batchId}", list.QuerySelector("a[aria-label='Download CSV']")!.GetAttribute("href"));
        Assert.Equal(2, (await (await session.Client.GetAsync($"/promo-codes/export?batchId={batchId}")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Download_csv_streams_the_tab_and_filters_with_the_seed_columns()
    {
        var world = await factory.WorldAsync();
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("CSVA"), LocationKey = world.Home, Amount = 10, DaysOfWeek = ["sat", "sun"] });
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("CSVB"), LocationKey = world.Home, Amount = 20 });
        var session = await AdminAtAsync(factory, world.Home);
        var list = await session.GetPageAsync($"/promo-codes?code=csva");
        var response = await session.Client.GetAsync(list.QuerySelector("a[aria-label='Download CSV']")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(',', PromoCodeCsv.Header), lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(world.Code("CSVA") + ",", lines[1]);
        Assert.EndsWith("No,No,No,No,No,Yes,Yes", lines[1]);
    }

    [Fact]
    public async Task Associated_transactions_open_as_a_page_without_javascript_and_as_a_fragment_for_the_modal()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("USED");
        var saved = await factory.CodeAsync(new PromoCodeInput { Code = code, LocationKey = world.Home, Amount = 10 });
        await using (var scope = factory.Db())
        {
            scope.Context.Redemptions.Add(new Redemption
            {
                PromoCodeId = saved.Id, CodeText = code, LocationId = world.HomeId, OrderNumber = $"ORD-{world.Tag}", CustomerKey = "c-1",
                CustomerName = "Ada Lovelace", CustomerEmail = "ada@example.com", CustomerPhone = "+1 555 0100", Discount = 4.5m,
                Status = RedemptionStatus.Applied, RedeemedAt = DateTimeOffset.UtcNow,
            });
            await scope.Context.PromoCodeInventory.Where(i => i.PromoCodeId == saved.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.TimesUsed, 1), Ct);
            await scope.Context.SaveChangesAsync(Ct);
        }
        var session = await AdminAtAsync(factory, world.Home);
        var row = Row(await session.GetPageAsync("/promo-codes"), code);
        Assert.Equal("1", Cell(row, 8));
        var link = ActionLink(row, "View associated transactions");

        var page = await session.GetPageAsync(link);
        Assert.Equal("Associated transactions", page.QuerySelector("h1")!.TextContent.Trim());
        var cells = page.QuerySelectorAll(".transactions-table tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Ada Lovelace", "ada@example.com", "+1 555 0100", $"ORD-{world.Tag}", "$4.50"], cells.Take(5));

        var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        var fragment = await (await session.Client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains("Ada Lovelace", fragment);
    }

    [Fact]
    public async Task Copy_to_other_locations_creates_an_independent_copy()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("COPYME");
        var saved = await factory.CodeAsync(new PromoCodeInput { Code = code, LocationKey = world.Home, Amount = 12 });
        var session = await AdminAtAsync(factory, world.Home);
        var copyPage = await session.GetPageAsync(ActionLink(Row(await session.GetPageAsync("/promo-codes"), code), "Copy to other locations"));
        Assert.Contains(copyPage.QuerySelectorAll("label"), l => l.TextContent.Contains($"Away {world.Tag}"));
        Assert.DoesNotContain(copyPage.QuerySelectorAll("label"), l => l.TextContent.Contains($"Home {world.Tag}"));

        var empty = await session.SubmitAsync(copyPage, $"form[action='/promo-codes/{saved.Id}/copy']");
        Assert.Contains("Pick at least one location", (await WebSession.ParseAsync(empty)).QuerySelector(".alert-danger")!.TextContent);

        var copied = await session.FollowAsync(await session.SubmitAsync(copyPage, $"form[action='/promo-codes/{saved.Id}/copy']", new() { ["locationKeys"] = [world.Away] }));
        Assert.Contains($"Promo code {code} copied to Away {world.Tag}.", Success(copied));
        await using var scope = factory.Db();
        Assert.Equal(12m, (await scope.Context.PromoCodes.SingleAsync(c => c.Code == code && c.LocationId == world.AwayId, Ct)).Amount);
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
    public async Task Quick_add_and_exclusion_dates_work_as_re_render_buttons()
    {
        var world = await factory.WorldAsync();
        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync("/promo-codes/create");
        var games = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new() { ["Command"] = ["quick-add:event"] }));
        Assert.Contains(world.EventKey, Checked(games, "ApplicableTo"));
        Assert.DoesNotContain(world.ItemKey, Checked(games, "ApplicableTo"));
        Assert.Contains("to Applicable to", games.QuerySelector(".alert-info")!.TextContent);

        var oneDate = await WebSession.ParseAsync(await session.SubmitAsync(games, SaveForm, new() { ["ExclusionDates"] = ["2031-07-04"], ["Command"] = ["add-exclusion"] }));
        var dates = oneDate.QuerySelectorAll("input[name=ExclusionDates]").OfType<IHtmlInputElement>().Select(i => i.Value).ToList();
        Assert.Equal(["2031-07-04", ""], dates);
        var noDate = await WebSession.ParseAsync(await session.SubmitAsync(oneDate, SaveForm, new() { ["Command"] = ["remove-exclusion:0"] }));
        Assert.Equal([""], noDate.QuerySelectorAll("input[name=ExclusionDates]").OfType<IHtmlInputElement>().Select(i => i.Value));
    }

    [Fact]
    public async Task Bulk_update_sets_the_amount_of_every_code_in_a_group_and_nothing_else()
    {
        var world = await factory.WorldAsync();
        var groupId = await factory.GroupAsync($"Summer {world.Tag}");
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("BULKA"), LocationKey = world.Home, Amount = 5, GroupId = groupId, Description = "keep me" });
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("BULKB"), LocationKey = world.Home, Amount = 6, GroupId = groupId });
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("BULKC"), LocationKey = world.Home, Amount = 7 });
        var session = await AdminAtAsync(factory, world.Home);

        var bulk = await session.GetPageAsync("/promo-codes/bulk-update");
        Assert.Equal(["Description", "Redemption type", "Value type", "Amount", "Quantity", "Allowed purchase dates", "Can be combined with other promo codes",
            "Can only be applied internally", "Available at all locations", "Applicable to", "Allowed booking dates", "Allowed booking time",
            "Allowed days of the week", "Exclusion dates", "Promo code group"], bulk.QuerySelectorAll("[data-field-picker] label").Select(l => l.TextContent.Trim()));
        Assert.True(bulk.QuerySelector("[data-field='amount']")!.HasAttribute("hidden"));

        // Picking a field re-renders the form with only that field shown.
        var picked = await WebSession.ParseAsync(await session.SubmitAsync(bulk, "form[data-bulk-form]", new() { ["Fields"] = ["amount"], ["Command"] = ["pick-fields"] }));
        Assert.False(picked.QuerySelector("[data-field='amount']")!.HasAttribute("hidden"));
        Assert.True(picked.QuerySelector("[data-field='description']")!.HasAttribute("hidden"));
        var all = await WebSession.ParseAsync(await session.SubmitAsync(bulk, "form[data-bulk-form]", new() { ["Command"] = ["add-all-fields"] }));
        Assert.Equal(15, Checked(all, "Fields").Count);

        var none = await WebSession.ParseAsync(await session.SubmitAsync(picked, "form[data-bulk-form]", new() { ["Values.Amount"] = ["9"] }));
        Assert.Contains("Pick the codes to update", none.QuerySelector("[data-valmsg-for='Selection']")!.TextContent);

        var done = await session.FollowAsync(await session.SubmitAsync(picked, "form[data-bulk-form]", new()
        {
            ["Selection"] = ["Groups"], ["GroupIds"] = [groupId.ToString()], ["Values.Amount"] = ["9"], ["Values.Description"] = ["ignored: not picked"],
        }));
        Assert.Contains("2 promo codes updated.", Success(done));
        Assert.Contains("9%", Cell(Row(done, world.Code("BULKA")), 2));

        await using var check = factory.Db();
        var codes = await check.Context.PromoCodes.Where(c => c.LocationId == world.HomeId).ToDictionaryAsync(c => c.Code, Ct);
        Assert.Equal((9m, 9m, 7m), (codes[world.Code("BULKA")].Amount, codes[world.Code("BULKB")].Amount, codes[world.Code("BULKC")].Amount));
        Assert.Equal("keep me", codes[world.Code("BULKA")].Description);
    }

    [Fact]
    public async Task Group_with_default_settings_pre_fills_a_new_code()
    {
        var world = await factory.WorldAsync();
        var name = $"Spring {world.Tag}";
        var session = await AdminAtAsync(factory, world.Home);
        var create = await session.GetPageAsync("/promo-code-groups/create");
        var saved = await session.FollowAsync(await session.SubmitAsync(create, "form[action='/promo-code-groups/save']", new()
        {
            ["Name"] = [name], ["Description"] = ["Spring campaign"], ["DefaultFields"] = ["amount", "daysOfWeek", "redemptionType"],
            ["Defaults.RedemptionType"] = ["Value"], ["Defaults.Amount"] = ["30"], ["Defaults.DaysOfWeek"] = ["mon", "tue"], ["Defaults.Description"] = ["not picked"],
        }));
        Assert.Contains($"Promo code group {name} created.", Success(saved));
        Assert.Equal("Groups", saved.QuerySelector("nav[aria-label=Main] a.active")!.TextContent.Trim());
        Assert.Equal("Promo code groups", saved.QuerySelector(".promo-tabs a.active")!.TextContent.Trim());
        var groupRow = saved.QuerySelectorAll("table tbody tr").Single(r => r.GetAttribute("data-group") == name);
        Assert.Equal("has default settings", groupRow.QuerySelector(".badge")!.TextContent.Trim());

        int groupId;
        await using (var scope = factory.Db())
        {
            var group = await scope.Context.PromoCodeGroups.SingleAsync(g => g.Name == name, Ct);
            groupId = group.Id;
            var defaults = PromoCodeGroupService.ReadDefaults(group);
            Assert.Equal((RedemptionType.Value, 30m, (string?)null), (defaults.RedemptionType, defaults.Amount, defaults.Description));
            Assert.Equal(["mon", "tue"], defaults.DaysOfWeek);
        }

        var edit = await session.GetPageAsync($"/promo-code-groups/{groupId}/edit");
        Assert.Equal(["amount", "daysOfWeek", "redemptionType"], Checked(edit, "DefaultFields").Order());
        Assert.Equal(30m, decimal.Parse(Value(edit, "Defaults.Amount"), System.Globalization.CultureInfo.InvariantCulture));

        var form = await session.GetPageAsync($"/promo-codes/create?groupId={groupId}");
        Assert.False(form.QuerySelector("[data-defaults-toggle]")!.HasAttribute("hidden"));
        var code = world.Code("SPRING");
        var prefilled = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new() { ["Code"] = [code], ["Command"] = ["apply-defaults"] }));
        Assert.Contains($"Default settings from group {name} copied onto the form.", prefilled.QuerySelector(".alert-info")!.TextContent);
        Assert.Equal("Value", Value(prefilled, "RedemptionType"));
        Assert.Equal(30m, decimal.Parse(Value(prefilled, "Amount"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["mon", "tue"], Checked(prefilled, "DaysOfWeek"));
        Assert.Equal(code, Value(prefilled, "Code"));

        var created = await session.FollowAsync(await session.SubmitAsync(prefilled, SaveForm, new() { ["Amount"] = ["25"] }));
        Assert.Contains($"Promo code {code} created.", Success(created));
        await using var check = factory.Db();
        var stored = await check.Context.PromoCodes.SingleAsync(c => c.Code == code, Ct);
        Assert.Equal((RedemptionType.Value, 25m, BookingDays.Mon | BookingDays.Tue, (int?)groupId), (stored.RedemptionType, stored.Amount, stored.DaysOfWeek, stored.GroupId));
    }

    [Fact]
    public async Task Groups_tab_searches_and_shows_its_empty_state()
    {
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync($"/promo-code-groups?search=nothing-{Guid.NewGuid():N}");
        Assert.Equal("No promo code groups found.", page.QuerySelector(".empty-state .empty-title")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/promo-code-groups/create']"));
    }

    [Fact]
    public async Task A_viewer_sees_the_list_read_only_without_download_or_bulk_actions()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("VIEWONLY");
        await factory.CodeAsync(new PromoCodeInput { Code = code, LocationKey = world.Home, Amount = 10 });
        var email = $"viewer-{world.Tag}@test.promoadmin";
        await factory.UserAsync(email, "Viewer-pass-2026", Domain.Users.Roles.Viewer);
        var session = await WebSession.SignedInAsync(factory, email, "Viewer-pass-2026");
        session.Cookies.Add(new Uri("http://localhost"), new Cookie(Web.Features.Infrastructure.CurrentLocation.CookieName, world.Home));
        var list = await session.GetPageAsync("/promo-codes");
        Assert.Null(list.QuerySelector("a[aria-label='Download CSV']"));
        Assert.Null(list.QuerySelector("a[href='/promo-codes/create']"));
        Assert.Null(list.QuerySelector("a[href='/promo-codes/bulk-update']"));
        var row = Row(list, code);
        Assert.Equal(["View promo code", "Diagnose"], RowActions(row));
        var view = await session.GetPageAsync(ActionLink(row, "View promo code"));
        Assert.NotNull(view.QuerySelector("fieldset[disabled]"));

        var export = await session.Client.GetAsync("/promo-codes/export");
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/account/access-denied", export.Headers.Location!.PathAndQuery);
    }
}
