using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.Permissions;

/// <summary>A user limited to some locations sees only those; the rest does not exist for them, in pages and in forms.</summary>
public sealed class LocationLimitTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestWorld W, WebSession Session, int AwayCode, int AwayBatch)> HomeOnlyManagerAsync()
    {
        var w = await app.WorldAsync();
        var email = $"home-only-{w.Tag}@test.promoadmin";
        await app.UserAsync(email, "Home-only-2026", Roles.Manager, [w.HomeId]);
        var awayCode = await app.AddCodeAsync(w.AwayId, w.Code("AWAY"));
        await using var scope = app.Db();
        var batch = new Domain.Batches.Batch
        {
            LocationId = w.AwayId, Name = "Away batch " + w.Tag, Method = Domain.Batches.GenerationMethod.Count, Status = Domain.Batches.BatchStatus.Ready,
            SettingsJson = "{}", CreatedAt = DateTimeOffset.UtcNow,
        };
        scope.Context.Batches.Add(batch);
        await scope.Context.SaveChangesAsync(Ct);
        // The location cookie names the other location: it is ignored, as a location that does not exist would be.
        var session = (await WebSession.SignedInAsync(app, email, "Home-only-2026")).At(w.Away);
        return (w, session, awayCode.Id, batch.Id);
    }

    [Fact]
    public async Task The_switcher_offers_only_their_locations_and_another_location_is_not_found()
    {
        var (w, session, awayCode, awayBatch) = await HomeOnlyManagerAsync();
        var list = await session.GetPageAsync("/promo-codes");
        var options = list.QuerySelectorAll("#location-key option").Select(o => ((IHtmlOptionElement)o).Value).ToList();
        Assert.Equal([w.Home], options);
        foreach (var path in new[] { $"/promo-codes/{awayCode}", $"/promo-codes/{awayCode}/edit", $"/promo-codes/{awayCode}/copy", $"/batches/{awayBatch}", $"/batches/{awayBatch}/export" })
            Assert.True((await session.Client.GetAsync(path, Ct)).StatusCode == HttpStatusCode.NotFound, path);

        // Switching to it is ignored.
        var switched = await session.SubmitAsync(list, "#location-switcher", new() { ["key"] = [w.Away] });
        var after = await session.FollowAsync(switched);
        Assert.Equal(w.Home, ((IHtmlOptionElement)after.QuerySelector("#location-key option[selected]")!).Value);
    }

    [Fact]
    public async Task Forms_naming_another_location_are_refused_as_unknown_and_nothing_is_saved()
    {
        var (w, session, awayCode, _) = await HomeOnlyManagerAsync();
        var create = await session.GetPageAsync("/promo-codes/create");
        var code = w.Code("DUP");
        var duplicated = await WebSession.ParseAsync(await session.SubmitAsync(create, "form[action='/promo-codes/save']", new()
        {
            ["Code"] = [code], ["Amount"] = ["10"], ["DuplicateTo"] = [w.Away],
        }));
        Assert.Contains($"Location '{w.Away}' does not exist", duplicated.QuerySelector(".error-summary")!.TextContent);
        var everywhere = await WebSession.ParseAsync(await session.SubmitAsync(create, "form[action='/promo-codes/save']", new()
        {
            ["Code"] = [code], ["Amount"] = ["10"], ["AllLocations"] = ["true"],
        }));
        Assert.Contains("Only a user of every location", everywhere.QuerySelector(".error-summary")!.TextContent);
        // Asked to share the text of a code at the other location, the answer says no without naming that code or location.
        var probe = await WebSession.ParseAsync(await session.SubmitAsync(create, "form[action='/promo-codes/save']", new()
        {
            ["Code"] = [w.Code("AWAY")], ["Amount"] = ["10"], ["AllLocations"] = ["true"],
        }));
        var answer = probe.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Only a user of every location", answer);
        Assert.DoesNotContain("already exists", answer);

        var diagnose = await session.GetPageAsync("/diagnose");
        var checkedAway = await WebSession.ParseAsync(await session.SubmitAsync(diagnose, "form[action='/diagnose']", new()
        {
            ["LocationKey"] = [w.Away], ["Code"] = [w.Code("AWAY")], ["Lines[0].ItemKey"] = [w.ItemKey], ["Lines[0].UnitPrice"] = ["10"],
        }));
        Assert.Contains($"Location '{w.Away}' does not exist", checkedAway.QuerySelector("main")!.TextContent);
        Assert.Null(checkedAway.QuerySelector("[data-testid=discount-total]"));

        // A post straight to another location's code, with a real token of this session.
        var token = ((IHtmlInputElement)create.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var archive = await session.Client.PostAsync($"/promo-codes/{awayCode}/archive", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct);
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);

        await using var scope = app.Db();
        Assert.False(await scope.Context.PromoCodes.AnyAsync(c => c.Code == code, Ct));
        Assert.False((await scope.Context.PromoCodes.FirstAsync(c => c.Id == awayCode, Ct)).IsArchived);
    }

    [Fact]
    public async Task The_locations_page_and_the_trail_show_only_their_locations()
    {
        var (w, session, awayCode, _) = await HomeOnlyManagerAsync();
        // The locations page: only theirs; another is not found, and adding one is for users of every location.
        var locations = await session.GetPageAsync($"/locations?search={w.Tag}");
        Assert.Contains(w.HomeName, locations.QuerySelector("main table")!.TextContent);
        Assert.DoesNotContain(w.AwayName, locations.QuerySelector("main table")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/locations/{w.AwayId}/edit", Ct)).StatusCode);
        var added = await WebSession.ParseAsync(await session.SubmitAsync(await session.GetPageAsync("/locations/create"), "form[action='/locations/save']",
            new() { ["Key"] = ["new-" + w.Tag], ["Name"] = ["New " + w.Tag], ["TimeZone"] = ["UTC"] }));
        Assert.Contains("Only a user of every location", added.QuerySelector("[data-valmsg-for='Key']")!.TextContent);

        // The trail: the other location's entries are not theirs to read.
        var api = app.ApiClient();
        await api.PostAsJsonAsync($"/api/v1/promo-codes/{awayCode}/archive", new { }, Ct);
        await app.CodeAsync(new Domain.PromoCodes.PromoCodeInput { Code = w.Code("HOMESEEN"), LocationKey = w.Home, Amount = 5 });
        var trail = await session.GetPageAsync($"/audit?text={w.Tag}");
        var names = trail.QuerySelectorAll("tr[data-audit-row]").Select(r => r.TextContent).ToList();
        Assert.Contains(names, n => n.Contains(w.Code("HOMESEEN")));
        Assert.DoesNotContain(names, n => n.Contains(w.Code("AWAY")));
    }
}

/// <summary>
/// An all-locations code's orders, as a user limited to one location sees them: only those made there. On the app of the
/// all-locations codes, which would show on every list of the shared app.
/// </summary>
public sealed class SharedCodeOrdersLimitTests(AllLocationsApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shared_codes_orders_list_only_those_made_at_their_locations()
    {
        var w = await app.WorldAsync();
        var email = $"home-orders-{w.Tag}@test.promoadmin";
        await app.UserAsync(email, "Home-only-2026", Roles.Manager, [w.HomeId]);
        var shared = await app.AddCodeAsync(w.HomeId, w.Code("SHARED"), c => { c.AllLocations = true; c.Amount = 10; });
        var api = app.ApiClient();
        foreach (var (location, order) in new[] { (w.Home, "H-" + w.Tag), (w.Away, "A-" + w.Tag) })
            await api.PostAsJsonAsync("/api/v1/checkout/redeem", new
            {
                code = shared.Code, locationKey = location, orderNumber = order,
                lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 1 } },
            }, Ct).ExpectAsync(HttpStatusCode.OK);
        var session = (await WebSession.SignedInAsync(app, email, "Home-only-2026")).At(w.Home);
        var orders = (await session.GetPageAsync($"/promo-codes/{shared.Id}/transactions")).QuerySelector("main")!.TextContent;
        Assert.Contains("H-" + w.Tag, orders);
        Assert.DoesNotContain("A-" + w.Tag, orders);
        var admin = (await WebSession.SignedInAsync(app)).At(w.Home);
        Assert.Contains("A-" + w.Tag, (await admin.GetPageAsync($"/promo-codes/{shared.Id}/transactions")).QuerySelector("main")!.TextContent);
    }
}
