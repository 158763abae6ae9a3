using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The bulk actions page: its field picker and a selection of codes set all at once.
/// With JavaScript off: real forms with their antiforgery tokens, Post/Redirect/Get, messages.
/// Every test works at its own location (WorldAsync), so lists hold only its own codes; no code here is all-locations.
/// </summary>
public sealed class BulkUpdatePageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
        Assert.Equal(["Description", "Redemption type", "Value type", "Amount", "Quantity", "Allowed purchase dates", "Allowed purchase days",
            "Allowed purchase time", "Can be combined with other promo codes", "Can only be applied internally", "Available at all locations", "Applicable to",
            "Applicable groups", "Excluded items", "Excluded groups", "Applies to gift cards", "Uses per customer", "Allowed booking dates",
            "Allowed booking time", "Allowed days of the week", "Exclusion dates", "Promo code group"],
            bulk.QuerySelectorAll("[data-field-picker] label").Select(l => l.TextContent.Trim()));
        Assert.True(bulk.QuerySelector("[data-field='amount']")!.HasAttribute("hidden"));

        // Picking a field re-renders the form with only that field shown.
        var picked = await WebSession.ParseAsync(await session.SubmitAsync(bulk, "form[data-bulk-form]", new() { ["Fields"] = ["amount"], ["Command"] = ["pick-fields"] }));
        Assert.False(picked.QuerySelector("[data-field='amount']")!.HasAttribute("hidden"));
        Assert.True(picked.QuerySelector("[data-field='description']")!.HasAttribute("hidden"));
        var all = await WebSession.ParseAsync(await session.SubmitAsync(bulk, "form[data-bulk-form]", new() { ["Command"] = ["add-all-fields"] }));
        Assert.Equal(22, Checked(all, "Fields").Count);

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
    public async Task Apply_default_settings_from_group_gives_each_groups_codes_its_defaults_and_turns_the_field_picker_off()
    {
        var world = await factory.WorldAsync();
        var summer = await factory.GroupAsync($"Summer {world.Tag}", defaults: new PromoCodeInput { Amount = 30, Description = "Summer defaults" });
        var staff = await factory.GroupAsync($"Staff {world.Tag}", defaults: new PromoCodeInput { Amount = 50, InternalOnly = true });
        var s = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("DEFS"), LocationKey = world.Home, Amount = 5, GroupId = summer });
        var t = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("DEFT"), LocationKey = world.Home, Amount = 6, GroupId = staff });
        var n = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("DEFN"), LocationKey = world.Home, Amount = 7 });
        var session = await AdminAtAsync(factory, world.Home);
        var bulk = await session.GetPageAsync("/promo-codes/bulk-update");
        Assert.Empty(Checked(bulk, "ApplyGroupDefaults"));
        Assert.False(bulk.QuerySelector("[data-field-picker]")!.HasAttribute("disabled"));

        // Without JavaScript the picker was still on when the toggle was ticked: the server decides (the toggle wins) and,
        // the post refused for want of a group, renders the picker off and the fields' values hidden.
        var refused = await WebSession.ParseAsync(await session.SubmitAsync(bulk, "form[data-bulk-form]", new()
        {
            ["Selection"] = ["Groups"], ["ApplyGroupDefaults"] = ["true"], ["Fields"] = ["amount"], ["Values.Amount"] = ["9"],
        }));
        Assert.Contains("pick at least one group", FieldError(refused, "ApplyGroupDefaults"));
        Assert.Contains("Nothing was saved", refused.QuerySelector("[data-error-summary]")!.TextContent);
        Assert.Equal(["true"], Checked(refused, "ApplyGroupDefaults"));
        Assert.True(refused.QuerySelector("[data-field-picker]")!.HasAttribute("disabled"));
        Assert.True(refused.QuerySelector("[data-group-defaults-off]")!.HasAttribute("hidden"));

        var done = await session.FollowAsync(await session.SubmitAsync(refused, "form[data-bulk-form]", new()
        {
            ["GroupIds"] = [summer.ToString(), staff.ToString()], ["Fields"] = ["amount"], ["Values.Amount"] = ["9"],
        }));
        Assert.Contains("2 promo codes updated.", Success(done));

        await using var check = factory.Db();
        var codes = await check.Context.PromoCodes.AsNoTracking().Where(c => c.LocationId == world.HomeId).ToDictionaryAsync(c => c.Id, Ct);
        Assert.Equal((30m, "Summer defaults", false), (codes[s.Id].Amount, codes[s.Id].Description, codes[s.Id].InternalOnly));
        Assert.Equal((50m, (string?)null, true), (codes[t.Id].Amount, codes[t.Id].Description, codes[t.Id].InternalOnly));
        Assert.Equal(7m, codes[n.Id].Amount);
        var entry = Assert.Single(await check.Context.AuditEntries.AsNoTracking()
            .Where(e => e.LocationKey == world.Home && e.Action == Domain.Audit.AuditActions.BulkUpdate).ToListAsync(Ct));
        Assert.Equal(2, entry.Count);
    }

    [Fact]
    public async Task Bulk_update_sets_purchase_days_and_gift_cards_on_the_picked_codes_only()
    {
        var world = await factory.WorldAsync();
        var a = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("DAYSA"), LocationKey = world.Home, Amount = 5, PurchaseDaysOfWeek = ["mon"] });
        var b = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("DAYSB"), LocationKey = world.Home, Amount = 6, UsesPerCustomer = 2 });
        var c = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("DAYSC"), LocationKey = world.Home, Amount = 7, PurchaseDaysOfWeek = ["tue"] });
        var session = await AdminAtAsync(factory, world.Home);
        var bulk = await session.GetPageAsync("/promo-codes/bulk-update");
        var picked = await WebSession.ParseAsync(await session.SubmitAsync(bulk, "form[data-bulk-form]", new()
        {
            ["Fields"] = ["purchaseDaysOfWeek", "includeGiftCards"], ["Command"] = ["pick-fields"],
        }));
        Assert.False(picked.QuerySelector("[data-field='purchaseDaysOfWeek']")!.HasAttribute("hidden"));
        Assert.False(picked.QuerySelector("[data-field='includeGiftCards']")!.HasAttribute("hidden"));
        Assert.True(picked.QuerySelector("[data-field='purchaseTime']")!.HasAttribute("hidden"));

        var done = await session.FollowAsync(await session.SubmitAsync(picked, "form[data-bulk-form]", new()
        {
            ["Selection"] = ["Codes"], ["CodeIds"] = [a.Id.ToString(), b.Id.ToString()],
            ["Values.PurchaseDaysOfWeek"] = ["sat", "sun"], ["Values.IncludeGiftCards"] = ["true"],
        }));
        Assert.Contains("2 promo codes updated.", Success(done));

        await using var check = factory.Db();
        var codes = await check.Context.PromoCodes.Where(x => x.LocationId == world.HomeId).ToDictionaryAsync(x => x.Id, Ct);
        Assert.Equal((BookingDays.Sat | BookingDays.Sun, true), (codes[a.Id].PurchaseDaysOfWeek, codes[a.Id].IncludeGiftCards));
        Assert.Equal((BookingDays.Sat | BookingDays.Sun, true, (int?)2), (codes[b.Id].PurchaseDaysOfWeek, codes[b.Id].IncludeGiftCards, codes[b.Id].UsesPerCustomer));
        Assert.Equal((BookingDays.Tue, false), (codes[c.Id].PurchaseDaysOfWeek, codes[c.Id].IncludeGiftCards));
    }

    [Fact]
    public async Task Bulk_quick_add_picks_applicable_groups_and_sets_the_group_on_the_codes()
    {
        var world = await factory.WorldAsync();
        var a = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("QUICKA"), LocationKey = world.Home, Amount = 5 });
        var session = await AdminAtAsync(factory, world.Home);
        var bulk = await session.GetPageAsync("/promo-codes/bulk-update");
        var picked = await WebSession.ParseAsync(await session.SubmitAsync(bulk, "form[data-bulk-form]", new() { ["Fields"] = ["applicableTo"], ["Command"] = ["pick-fields"] }));
        var quick = await WebSession.ParseAsync(await session.SubmitAsync(picked, "form[data-bulk-form]", new() { ["Values.Command"] = ["quick-add:all-gift-cards"] }));
        Assert.Equal(["applicableGroups", "applicableTo", "includeGiftCards"], Checked(quick, "Fields").Order());
        Assert.Equal(["all-gift-cards"], Checked(quick, "Values.ApplicableGroups"));
        Assert.Contains("true", Checked(quick, "Values.IncludeGiftCards"));

        await session.FollowAsync(await session.SubmitAsync(quick, "form[data-bulk-form]", new() { ["Selection"] = ["Codes"], ["CodeIds"] = [a.Id.ToString()] }));
        await using var check = factory.Db();
        var stored = await check.Context.PromoCodes.SingleAsync(x => x.Id == a.Id, Ct);
        Assert.Equal(["all-gift-cards"], stored.ApplicableGroups);
        Assert.True(stored.IncludeGiftCards);
    }
}
