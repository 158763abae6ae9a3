using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The promo code groups tab and form: default settings, and a new code that takes them.
/// With JavaScript off: real forms with their antiforgery tokens, Post/Redirect/Get, messages.
/// Every test works at its own location (WorldAsync), so lists hold only its own codes; no code here is all-locations.
/// </summary>
public sealed class PromoCodeGroupPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
    public async Task Group_defaults_with_applicable_groups_and_uses_per_customer_fill_a_new_code()
    {
        var world = await factory.WorldAsync();
        var name = $"Merch {world.Tag}";
        var session = await AdminAtAsync(factory, world.Home);
        var create = await session.GetPageAsync("/promo-code-groups/create");
        await session.FollowAsync(await session.SubmitAsync(create, "form[action='/promo-code-groups/save']", new()
        {
            ["Name"] = [name], ["DefaultFields"] = ["applicableGroups", "usesPerCustomer"],
            ["Defaults.ApplicableGroups"] = ["all-items"], ["Defaults.UsesPerCustomer"] = ["2"], ["Defaults.UsesPerCustomerPeriod"] = ["Month"],
        }));
        int groupId;
        await using (var scope = factory.Db())
        {
            var group = await scope.Context.PromoCodeGroups.SingleAsync(g => g.Name == name, Ct);
            groupId = group.Id;
            var defaults = PromoCodeGroupService.ReadDefaults(group);
            Assert.Equal(["all-items"], defaults.ApplicableGroups);
            Assert.Equal(((int?)2, (UsagePeriod?)UsagePeriod.Month), (defaults.UsesPerCustomer, defaults.UsesPerCustomerPeriod));
        }
        var edit = await session.GetPageAsync($"/promo-code-groups/{groupId}/edit");
        Assert.Equal(["applicableGroups", "usesPerCustomer"], Checked(edit, "DefaultFields").Order());
        Assert.Equal(["all-items"], Checked(edit, "Defaults.ApplicableGroups"));
        Assert.Equal(("2", "Month"), (Value(edit, "Defaults.UsesPerCustomer"), Value(edit, "Defaults.UsesPerCustomerPeriod")));

        var code = world.Code("MERCH");
        var form = await session.GetPageAsync($"/promo-codes/create?groupId={groupId}");
        var prefilled = await WebSession.ParseAsync(await session.SubmitAsync(form, SaveForm, new() { ["Code"] = [code], ["Amount"] = ["5"], ["Command"] = ["apply-defaults"] }));
        Assert.Equal(["all-items"], Checked(prefilled, "ApplicableGroups"));
        Assert.Equal(("2", "Month"), (Value(prefilled, "UsesPerCustomer"), Value(prefilled, "UsesPerCustomerPeriod")));
        Assert.Contains($"Promo code {code} created.", Success(await session.FollowAsync(await session.SubmitAsync(prefilled, SaveForm))));

        await using var check = factory.Db();
        var stored = await check.Context.PromoCodes.SingleAsync(c => c.Code == code, Ct);
        Assert.Equal(["all-items"], stored.ApplicableGroups);
        Assert.Equal(((int?)2, UsagePeriod.Month, (int?)groupId), (stored.UsesPerCustomer, stored.UsesPerCustomerPeriod, stored.GroupId));
    }

    [Fact]
    public async Task Groups_tab_searches_and_shows_its_empty_state()
    {
        var session = await WebSession.SignedInAsync(factory);
        var page = await session.GetPageAsync($"/promo-code-groups?search=nothing-{Guid.NewGuid():N}");
        Assert.Equal("No promo code groups found.", page.QuerySelector(".empty-state .empty-title")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/promo-code-groups/create']"));
    }
}
