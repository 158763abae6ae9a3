using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Export;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.PromoCodePages;

/// <summary>
/// The promo codes list: tabs and empty states, archive, filters and paging, a batch's codes, the CSV download, a
/// code's associated transactions, and what a viewer sees.
/// With JavaScript off: real forms with their antiforgery tokens, Post/Redirect/Get, messages.
/// Every test works at its own location (WorldAsync), so lists hold only its own codes; no code here is all-locations.
/// </summary>
public sealed class PromoCodeListPageTests(SharedApp factory)
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
        // The groups tab counts the location's codes in each group, linking to the same filter over every source (a group may hold batch codes).
        var groupsTab = await session.GetPageAsync($"/promo-code-groups?search=Filter group {world.Tag}");
        var countLink = groupsTab.QuerySelector($"a[href='/promo-codes?groupId={groupId}&source=all']")!;
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
    public async Task Download_csv_streams_the_tab_and_filters_with_the_documented_columns()
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
        Assert.Equal(["No", "No", "No", "No", "No", "Yes", "Yes"], lines[1].Split(',')[20..27]);
        Assert.EndsWith(",active", lines[1]);
    }

    [Fact]
    public async Task The_status_column_the_status_filter_and_buy_x_get_y_in_words()
    {
        var world = await factory.WorldAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        EligibilityRuleInput BuyTwoGetOne(decimal percentOff) => new() { Type = EligibilityRuleType.BuyXGetY, BuyQuantity = 2, GetQuantity = 1, GetPercentOff = percentOff };
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("BOGO"), LocationKey = world.Home, Amount = 0, EligibilityRules = [BuyTwoGetOne(100)] });
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("BOTH"), LocationKey = world.Home, Amount = 10, EligibilityRules = [BuyTwoGetOne(50)] });
        await factory.CodeAsync(new PromoCodeInput
        {
            Code = world.Code("OVER"), LocationKey = world.Home, Amount = 10, PurchaseStart = today.AddDays(-20), PurchaseEnd = today.AddDays(-10),
        });
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("OFF"), LocationKey = world.Home, Amount = 10, Enabled = false });
        var session = await AdminAtAsync(factory, world.Home);

        var list = await session.GetPageAsync("/promo-codes");
        var headers = list.QuerySelectorAll("table.promo-table thead th").Select(th => th.TextContent.Trim()).ToList();
        var status = headers.IndexOf("Status");
        Assert.True(status >= 0, string.Join(", ", headers));
        var bogo = Row(list, world.Code("BOGO"));
        Assert.Equal("Buy 2 get 1 free", bogo.QuerySelector(".value-amount")!.TextContent.Trim());
        Assert.Null(bogo.QuerySelector(".value-suffix")); // no amount for "per line item" to describe
        Assert.Equal("10% off + Buy 2 get 1 at 50% off", Row(list, world.Code("BOTH")).QuerySelector(".value-amount")!.TextContent.Trim());
        Assert.Equal(["Active", "Active", "Expired", "Disabled"], new[] { "BOGO", "BOTH", "OVER", "OFF" }.Select(c => Cell(Row(list, world.Code(c)), status)));
        // An expired code stays on the active tab, marked.
        Assert.Contains("code-expired", Row(list, world.Code("OVER")).ClassList);
        Assert.DoesNotContain("code-expired", bogo.ClassList);

        Assert.Equal(["Any status", "Scheduled", "Active", "Expired", "Used up", "Disabled"],
            list.QuerySelectorAll("select[name=status] option").Select(o => o.TextContent.Trim()));
        var expired = await session.GetPageAsync("/promo-codes?status=expired");
        Assert.Equal("Total results: 1", TotalResults(expired));
        Assert.True(HasRow(expired, world.Code("OVER")));
        Assert.Equal("expired", Value(expired, "status"));
        Assert.Equal("/promo-codes/export?status=expired", expired.QuerySelector("a[aria-label='Download CSV']")!.GetAttribute("href"));
        var csv = (await session.Client.GetStringAsync("/promo-codes/export?status=expired", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, csv.Length);
        Assert.EndsWith(",expired", csv[1]);
        Assert.Equal("Total results: 2", TotalResults(await session.GetPageAsync("/promo-codes?status=active")));
        // Every archived code is archived: that tab has no status filter.
        Assert.Null((await session.GetPageAsync("/promo-codes?tab=archived")).QuerySelector("select[name=status]"));
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
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }
}
