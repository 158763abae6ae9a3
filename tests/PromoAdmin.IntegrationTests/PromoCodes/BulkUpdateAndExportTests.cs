using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.PromoCodes;

public sealed class BulkUpdateAndExportTests(SharedApp factory)
{
    private HttpClient Api => factory.ApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> CodeAsync(TestWorld w, string name, object? extra = null, int? groupId = null)
    {
        var body = new Dictionary<string, object?> { ["code"] = w.Code(name), ["locationKey"] = w.Home, ["amount"] = 10, ["groupId"] = groupId };
        if (extra is not null) foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
        return (await Api.PostAsJsonAsync("/api/v1/promo-codes", body).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    private async Task<int> GroupAsync(string name) =>
        (await Api.PostAsJsonAsync("/api/v1/promo-code-groups", new { name }).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private async Task<Dictionary<int, (decimal Amount, string? Description, int? Quantity)>> ReadAsync(params int[] ids)
    {
        await using var scope = factory.Db();
        return await scope.Context.PromoCodes.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.Amount, c.Description, c.Inventory.Quantity));
    }

    [Fact]
    public async Task Bulk_update_by_group_touches_exactly_the_group()
    {
        var w = await factory.WorldAsync();
        var summer = await GroupAsync("Summer " + w.Tag);
        var winter = await GroupAsync("Winter " + w.Tag);
        var a = await CodeAsync(w, "A", groupId: summer);
        var b = await CodeAsync(w, "B", groupId: summer);
        var c = await CodeAsync(w, "C", groupId: winter);
        var d = await CodeAsync(w, "D");
        var result = await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new
        {
            locationKey = w.Home, groupIds = new[] { summer }, fields = new { amount = 25, description = "Summer sale" },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("updated").GetInt32());
        var after = await ReadAsync(a, b, c, d);
        Assert.Equal((25m, "Summer sale"), (after[a].Amount, after[a].Description));
        Assert.Equal((25m, "Summer sale"), (after[b].Amount, after[b].Description));
        Assert.Equal((10m, (string?)null), (after[c].Amount, after[c].Description));
        Assert.Equal((10m, (string?)null), (after[d].Amount, after[d].Description));
    }

    [Fact]
    public async Task Bulk_update_refuses_what_the_selected_codes_settings_forbid_and_changes_nothing()
    {
        var w = await factory.WorldAsync();
        var once = await CodeAsync(w, "ONCE", new { oneUsePerAccount = true });
        var plain = await CodeAsync(w, "PLAIN");
        var gifts = await CodeAsync(w, "GIFTS", new { applicableTo = new[] { w.GiftKey }, includeGiftCards = true });
        async Task<string[]> RefusedAsync(int[] codeIds, object fields) =>
            (await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new { locationKey = w.Home, codeIds, fields }).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields();

        // A period alone would clear the number; uses per customer on a one-use-per-account code.
        Assert.Equal(["usesPerCustomer"], await RefusedAsync([plain], new { usesPerCustomerPeriod = "week" }));
        Assert.Equal(["usesPerCustomer"], await RefusedAsync([once, plain], new { usesPerCustomer = 3, usesPerCustomerPeriod = "month" }));
        // Gift cards named on codes that leave them out, or left out of codes that name them.
        Assert.Equal(["applicableTo"], await RefusedAsync([plain], new { applicableTo = new[] { w.GiftKey } }));
        Assert.Equal(["includeGiftCards"], await RefusedAsync([gifts, plain], new { includeGiftCards = false }));

        Dictionary<int, PromoCode> after;
        await using (var scope = factory.Db())
            after = await scope.Context.PromoCodes.AsNoTracking().Where(c => c.Id == once || c.Id == plain || c.Id == gifts).ToDictionaryAsync(c => c.Id);
        Assert.All(after.Values, c => Assert.Null(c.UsesPerCustomer));
        Assert.Empty(after[plain].ApplicableTo);
        Assert.True(after[gifts].IncludeGiftCards);
        // Naming gift cards together with "Applies to gift cards" is fine.
        await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new
        {
            locationKey = w.Home, codeIds = new[] { plain }, fields = new { applicableTo = new[] { w.GiftKey }, includeGiftCards = true },
        }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bulk_update_by_codes_and_all_touch_exactly_their_selection()
    {
        var w = await factory.WorldAsync();
        var a = await CodeAsync(w, "A", new { quantity = 5 });
        var b = await CodeAsync(w, "B", new { quantity = 5 });
        var other = await Api.PostAsJsonAsync("/api/v1/promo-codes", new { code = w.Code("AWAY"), locationKey = w.Away, amount = 10, quantity = 5 })
            .ExpectAsync(HttpStatusCode.Created);
        await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new { locationKey = w.Home, codeIds = new[] { b }, fields = new { quantity = (int?)null } })
            .ExpectAsync(HttpStatusCode.OK);
        var after = await ReadAsync(a, b);
        Assert.Equal(5, after[a].Quantity);
        Assert.Null(after[b].Quantity);

        var all = await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new
        {
            locationKey = w.Home, all = true, fields = new { daysOfWeek = new[] { "sat", "sun" }, applicableTo = new[] { w.EventKey }, exclusionDates = new[] { "2026-12-25" } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("updated").GetInt32());
        var awayId = other.GetProperty("id").GetInt32();
        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.Where(c => c.Id == a || c.Id == b || c.Id == awayId).ToListAsync();
        Assert.All(codes.Where(c => c.Id != awayId), c =>
        {
            Assert.Equal(Domain.PromoCodes.BookingDays.Sat | Domain.PromoCodes.BookingDays.Sun, c.DaysOfWeek);
            Assert.Equal([w.EventKey], c.ApplicableTo);
            Assert.Equal([new DateOnly(2026, 12, 25)], c.ExclusionDates);
        });
        Assert.Equal(Domain.PromoCodes.BookingDays.None, codes.Single(c => c.Id == awayId).DaysOfWeek);
    }

    [Fact]
    public async Task Bulk_update_with_bad_values_changes_nothing()
    {
        var w = await factory.WorldAsync();
        var a = await CodeAsync(w, "A");
        var b = await CodeAsync(w, "B");
        var problem = await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new { locationKey = w.Home, all = true, fields = new { amount = 150, description = "x" } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("amount", problem.ErrorFields());
        var unknown = await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new { locationKey = w.Home, all = true, fields = new { code = "NEW" } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("fields", unknown.ErrorFields());
        var noSelection = await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new { locationKey = w.Home, fields = new { amount = 5 } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("selection", noSelection.ErrorFields());
        var after = await ReadAsync(a, b);
        Assert.All(after.Values, v => Assert.Equal((10m, (string?)null), (v.Amount, v.Description)));
    }

    [Fact]
    public async Task Applying_group_defaults_gives_each_groups_codes_their_own_groups_defaults_in_one_audited_change()
    {
        var w = await factory.WorldAsync();
        var summer = await factory.GroupAsync("Summer " + w.Tag, defaults: new PromoCodeInput { Amount = 25, Description = "Summer sale", PurchaseDaysOfWeek = ["sat", "sun"] });
        // Display is a default a bulk update cannot set: it pre-fills new codes only.
        var staff = await factory.GroupAsync("Staff " + w.Tag, defaults: new PromoCodeInput { RedemptionType = RedemptionType.Value, Amount = 150, InternalOnly = true, Display = "Staff perk" });
        var plain = await factory.GroupAsync("Plain " + w.Tag);
        var a = await CodeAsync(w, "A", groupId: summer);
        var b = await CodeAsync(w, "B", new { combinable = true, description = "Own words" }, groupId: summer);
        var c = await CodeAsync(w, "C", groupId: staff);
        var d = await CodeAsync(w, "D", groupId: plain);
        var e = await CodeAsync(w, "E");

        var result = await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", new
        {
            locationKey = w.Home, groupIds = new[] { summer, staff, plain }, applyGroupDefaults = true,
        }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(3, result.GetProperty("updated").GetInt32());
        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(x => new[] { a, b, c, d, e }.Contains(x.Id)).ToDictionaryAsync(x => x.Id, Ct);
        foreach (var id in new[] { a, b })
            Assert.Equal((RedemptionType.Percentage, 25m, "Summer sale", BookingDays.Sat | BookingDays.Sun, false),
                (codes[id].RedemptionType, codes[id].Amount, codes[id].Description, codes[id].PurchaseDaysOfWeek, codes[id].InternalOnly));
        Assert.True(codes[b].Combinable); // not among the group's defaults: kept
        Assert.Equal((RedemptionType.Value, 150m, true, (string?)null, (string?)null, BookingDays.None),
            (codes[c].RedemptionType, codes[c].Amount, codes[c].InternalOnly, codes[c].Description, codes[c].Display, codes[c].PurchaseDaysOfWeek));
        Assert.All(new[] { codes[d], codes[e] }, x => Assert.Equal((10m, (string?)null, BookingDays.None), (x.Amount, x.Description, x.PurchaseDaysOfWeek)));

        var entry = Assert.Single(await scope.Context.AuditEntries.AsNoTracking().Where(x => x.LocationKey == w.Home && x.Action == AuditActions.BulkUpdate).ToListAsync(Ct));
        Assert.Equal((3, AuditEntities.PromoCode, $"groups {summer}, {staff}"), (entry.Count, entry.EntityType, entry.EntityName)); // Plain had no defaults
        Assert.Equal([("applyGroupDefaults", "true"),
            ($"amount (group {summer})", "25"), ($"description (group {summer})", "Summer sale"), ($"purchaseDaysOfWeek (group {summer})", "[\"sat\",\"sun\"]"),
            ($"amount (group {staff})", "150"), ($"internalOnly (group {staff})", "true"), ($"redemptionType (group {staff})", "value")],
            AuditLog.ChangesOf(entry).Select(x => (x.Field, x.To)));
    }

    [Fact]
    public async Task Applying_group_defaults_is_refused_by_name_without_a_group_selection_with_fields_or_against_the_codes_and_changes_nothing()
    {
        var w = await factory.WorldAsync();
        var summer = await factory.GroupAsync("Summer " + w.Tag, defaults: new PromoCodeInput { Amount = 20 });
        var percent = await factory.GroupAsync("Percent " + w.Tag, defaults: new PromoCodeInput { RedemptionType = RedemptionType.Percentage });
        var plain = await factory.GroupAsync("Plain " + w.Tag);
        var s = await CodeAsync(w, "S", groupId: summer);
        var p = await CodeAsync(w, "P", new { redemptionType = "value", amount = 150 }, groupId: percent);
        async Task<JsonElement> RefusedAsync(object body) =>
            await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update", body).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["applyGroupDefaults"], (await RefusedAsync(new { locationKey = w.Home, codeIds = new[] { s }, applyGroupDefaults = true })).ErrorFields());
        Assert.Equal(["applyGroupDefaults"], (await RefusedAsync(new { locationKey = w.Home, all = true, applyGroupDefaults = true })).ErrorFields());
        Assert.Contains("applyGroupDefaults", (await RefusedAsync(new { locationKey = w.Home, applyGroupDefaults = true })).ErrorFields());
        Assert.Equal(["applyGroupDefaults"],
            (await RefusedAsync(new { locationKey = w.Home, groupIds = new[] { summer }, fields = new { amount = 5 }, applyGroupDefaults = true })).ErrorFields());
        Assert.Equal(["groupIds"], (await RefusedAsync(new { locationKey = w.Home, groupIds = new[] { plain }, applyGroupDefaults = true })).ErrorFields());
        var unknown = await RefusedAsync(new { locationKey = w.Home, groupIds = new[] { summer, 999_999_999 }, applyGroupDefaults = true });
        Assert.Equal("Unknown promo code groups: 999999999.", unknown.GetProperty("errors").GetProperty("groupIds")[0].GetString());
        // A percentage over 100: Percent's codes include a value code of 150. Summer's codes, checked first and fine, stay as they were too.
        var over = await RefusedAsync(new { locationKey = w.Home, groupIds = new[] { summer, percent }, applyGroupDefaults = true });
        Assert.Equal(["redemptionType"], over.ErrorFields());
        Assert.StartsWith($"Group Percent {w.Tag}'s defaults: ", over.GetProperty("errors").GetProperty("redemptionType")[0].GetString());

        await using var scope = factory.Db();
        var codes = await scope.Context.PromoCodes.AsNoTracking().Where(x => x.Id == s || x.Id == p).ToDictionaryAsync(x => x.Id, Ct);
        Assert.Equal((RedemptionType.Percentage, 10m), (codes[s].RedemptionType, codes[s].Amount));
        Assert.Equal((RedemptionType.Value, 150m), (codes[p].RedemptionType, codes[p].Amount));
        Assert.False(await scope.Context.AuditEntries.AnyAsync(x => x.LocationKey == w.Home && x.Action == AuditActions.BulkUpdate, Ct));
    }

    [Fact]
    public async Task Export_header_is_the_documented_one_and_rows_follow_the_filters()
    {
        var w = await factory.WorldAsync();
        await CodeAsync(w, "WEEKEND", new
        {
            description = "Weekend", daysOfWeek = new[] { "sat", "sun" }, quantity = 10, purchaseStart = "2026-03-01", purchaseEnd = "2026-03-31",
            applicableGroups = new[] { "all-events" }, excludedItems = new[] { w.ItemKey }, excludedGroups = new[] { "all-gift-cards" },
            purchaseDaysOfWeek = new[] { "fri", "mon" }, purchaseTimeStart = "09:00", purchaseTimeEnd = "17:30", usesPerCustomer = 2, usesPerCustomerPeriod = "week",
        });
        await CodeAsync(w, "OTHER");
        var response = await Api.GetAsync($"/api/v1/promo-codes/export?locationKey={w.Home}&code=weekend");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // docs/rules.md#csv: the first 27 columns as they always were, then the newer settings and the status.
        Assert.Equal("Promo Code,Description,Promo Code Group,Redemption Type,Value Type,Value Amount,Quantity,Times Used,Remaining,Internal Only,Combineable,"
            + "Purchase Date Range,Purchase Start Date,Purchase End Date,Event Date Range,Event Start Date,Event End Date,Event Time Range,Event Start Time,"
            + "Event End Time,Mon,Tue,Wed,Thu,Fri,Sat,Sun,"
            + "Applicable Groups,Excluded Items,Excluded Groups,Applies To Gift Cards,Purchase Days,Purchase Start Time,Purchase End Time,"
            + "Uses Per Customer,Uses Per Customer Period,Status", lines[0]);
        Assert.Equal(string.Join(",", PromoCodeCsv.Header), lines[0]);
        Assert.Equal(2, lines.Length);
        var cells = lines[1].Split(',');
        Assert.Equal(w.Code("WEEKEND"), cells[0]);
        Assert.Equal("10.00", cells[5]);
        Assert.Equal("10", cells[8]);
        Assert.Equal(["Available between dates", "2026-03-01", "2026-03-31"], cells[11..14]);
        Assert.Equal(["No", "No", "No", "No", "No", "Yes", "Yes"], cells[20..27]);
        // The purchase dates are over (March 2026 in New York): expired.
        Assert.Equal(["all-events", w.ItemKey, "all-gift-cards", "No", "Mon Fri", "09:00", "17:30", "2", "Week", "expired"], cells[27..]);
    }

    [Fact]
    public async Task Export_neutralises_cells_a_spreadsheet_would_run_as_formulas()
    {
        var w = await factory.WorldAsync();
        await CodeAsync(w, "EVIL", new { description = "=HYPERLINK(\"http://evil\",\"click\")" });
        await CodeAsync(w, "EVIL2", new { description = "@SUM(A1:A2)" });
        var csv = await Api.GetStringAsync($"/api/v1/promo-codes/export?locationKey={w.Home}");
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'@SUM", csv);
    }

    [Fact]
    public async Task Export_needs_a_location_and_a_known_tab()
    {
        var problem = await Api.GetAsync("/api/v1/promo-codes/export?tab=bin").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("tab", problem.ErrorFields());
        Assert.Contains("locationKey", problem.ErrorFields());
    }
}
