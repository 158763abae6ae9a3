using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The copy page of a promo code (Copy to other locations, from a row's actions).
/// With JavaScript off: real forms with their antiforgery tokens, Post/Redirect/Get, messages.
/// Every test works at its own location (WorldAsync), so lists hold only its own codes; no code here is all-locations.
/// </summary>
public sealed class PromoCodeCopyPageTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
}
