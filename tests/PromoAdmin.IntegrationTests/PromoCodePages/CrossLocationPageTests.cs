using System.Net;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// Codes another location shares with "Available at all locations": visible, read-only. On the app of the tests that
/// make all-locations codes (an all-locations code shows up on every location's list), reading lists filtered by its code.
/// </summary>
public sealed class CrossLocationPageTests(AllLocationsApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Another_locations_all_locations_code_is_listed_with_view_only_and_opens_read_only_with_the_banner()
    {
        var world = await factory.WorldAsync();
        var code = world.Code("SHARED");
        var shared = await factory.CodeAsync(new PromoCodeInput { Code = code, LocationKey = world.Away, Amount = 10, AllLocations = true, Description = "From away" });
        var session = await AdminAtAsync(factory, world.Home);

        var list = await session.GetPageAsync($"/promo-codes?code={code}");
        var row = Row(list, code);
        Assert.Contains($"Shared from Away {world.Tag}", Cell(row, 0));
        Assert.Contains("all locations", Cell(row, 3));
        Assert.Equal(["View promo code", "Diagnose"], RowActions(row));

        // The edit address of a code owned elsewhere leads to its read-only view.
        var edit = await session.Client.GetAsync($"/promo-codes/{shared.Id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var view = await session.GetPageAsync(ActionLink(row, "View promo code"));
        Assert.Equal($"This promo code was created at Away {world.Tag}. You can view but not edit it.",
            view.QuerySelector("[data-testid=read-only-banner]")!.TextContent.Trim());
        Assert.NotNull(view.QuerySelector("fieldset[disabled]"));
        Assert.Equal(code, Value(view, "Code"));
        Assert.DoesNotContain(view.QuerySelectorAll("form .form-actions button"), b => b.TextContent.Trim() is "Update" or "Create");

        // A hand-made post is refused by the domain's owner check, with the same words.
        var sneaky = await session.SubmitAsync(view, SaveForm, new() { ["Amount"] = ["99"] });
        var after = await session.FollowAsync(sneaky);
        Assert.Contains("You can view but not edit it.", Error(after));
        var archive = await session.FollowAsync(await session.Client.PostAsync($"/promo-codes/{shared.Id}/archive",
            new FormUrlEncodedContent([new("__RequestVerificationToken", view.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)])));
        Assert.Contains("You can view but not edit it.", Error(archive));

        await using var scope = factory.Db();
        var stored = await scope.Context.PromoCodes.SingleAsync(c => c.Id == shared.Id, Ct);
        Assert.Equal((10m, false), (stored.Amount, stored.IsArchived));

        // At its own location the same code is editable.
        var owner = await AdminAtAsync(factory, world.Away);
        Assert.Contains("Edit promo code", RowActions(Row(await owner.GetPageAsync($"/promo-codes?code={code}"), code)));
    }
}
