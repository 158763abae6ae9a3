using System.Net;
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
}
