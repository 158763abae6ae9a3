using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Batches;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.Batches;

/// <summary>
/// Disable, enable, archive, unarchive and settings of every code of a batch (docs/rules.md#batches), through the API and
/// the pages: the count, one audit entry, and checkout seeing the change on its very next request.
/// </summary>
public sealed class BatchLevelChangeTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Api => factory.ApiClient();

    /// <summary>A batch of its own at the world's home location, its codes 10% off each line, written straight to the database.</summary>
    private async Task<(TestWorld World, int Id, List<string> Codes)> BatchAsync(int count, BatchStatus status = BatchStatus.Ready)
    {
        var w = await factory.WorldAsync();
        await using var scope = factory.Db();
        var db = scope.Context;
        var now = DateTimeOffset.UtcNow;
        var batch = new Batch
        {
            LocationId = w.HomeId, Name = "Ops " + w.Tag, Method = GenerationMethod.Count, RequestedCount = count, GeneratedCount = status == BatchStatus.Ready ? count : 0,
            Status = status, SettingsJson = """{"amount":10}""", CreatedAt = now, CompletedAt = status == BatchStatus.Ready ? now : null,
        };
        db.Batches.Add(batch);
        await db.SaveChangesAsync(Ct);
        var codes = Enumerable.Range(0, count).Select(i => TestData.NewCode(w.HomeId, w.Code($"OPS{i}X"), c =>
        {
            (c.BatchId, c.RedemptionType, c.ValueType, c.Amount) = (batch.Id, RedemptionType.Percentage, ValueScope.PerLineItem, 10);
        })).ToList();
        db.PromoCodes.AddRange(codes);
        await db.SaveChangesAsync(Ct);
        return (w, batch.Id, codes.Select(c => c.Code).ToList());
    }

    private async Task<JsonElement> ValidateAsync(TestWorld w, string code) =>
        await Api.PostAsJsonAsync("/api/v1/checkout/validate", new
        {
            code, locationKey = w.Home, lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 2 } },
        }, Ct).ExpectAsync(HttpStatusCode.OK);

    private static string[] Reasons(JsonElement r) => r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!).ToArray();

    private static decimal? Total(JsonElement r) => r.GetProperty("valid").GetBoolean() ? r.GetProperty("discount").GetProperty("total").GetDecimal() : null;

    private async Task<List<AuditEntry>> EntriesAsync(int batchId)
    {
        await using var scope = factory.Db();
        var id = batchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await scope.Context.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntities.Batch && e.EntityId == id).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    private async Task<List<PromoCode>> CodesAsync(int batchId)
    {
        await using var scope = factory.Db();
        return await scope.Context.PromoCodes.AsNoTracking().Where(c => c.BatchId == batchId).OrderBy(c => c.Id).ToListAsync(Ct);
    }

    private async Task<int> PostAsync(int id, string change, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var answer = await Api.PostAsync($"/api/v1/batches/{id}/{change}", null, Ct).ExpectAsync(expected);
        if (expected != HttpStatusCode.OK) return -1;
        Assert.Equal(id, answer.GetProperty("batchId").GetInt32());
        return answer.GetProperty("updated").GetInt32();
    }

    private async Task<Batch> BatchRowAsync(int id)
    {
        await using var scope = factory.Db();
        return await scope.Context.Batches.AsNoTracking().FirstAsync(b => b.Id == id, Ct);
    }

    private async Task RedeemAsync(TestWorld w, string code, HttpStatusCode expected) =>
        await Api.PostAsJsonAsync("/api/v1/checkout/redeem", new
        {
            code, locationKey = w.Home, orderNumber = "ORD-" + Guid.NewGuid().ToString("N"),
            lines = new[] { new { lineId = "1", itemKey = w.ItemKey, unitPrice = 20m, quantity = 2 } },
        }, Ct).ExpectAsync(expected);

    [Fact]
    public async Task Disable_enable_archive_and_unarchive_switch_the_batch_at_once_and_checkout_sees_each_on_the_next_request()
    {
        var (w, id, codes) = await BatchAsync(40);
        var (other, _, otherCodes) = await BatchAsync(3);
        var probe = codes[17];
        // One code disabled and one archived on their own, before the batch-level changes.
        await using (var scope = factory.Db())
        {
            await scope.Context.PromoCodes.Where(c => c.Code == codes[2]).ExecuteUpdateAsync(s => s.SetProperty(c => c.Enabled, false), Ct);
            await scope.Context.PromoCodes.Where(c => c.Code == codes[3]).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, true), Ct);
        }
        Assert.Equal(4.00m, Total(await ValidateAsync(w, probe))); // its rules now cached
        var rows = await CodesAsync(id);

        Assert.Equal(40, await PostAsync(id, "disable"));
        Assert.True((await BatchRowAsync(id)).Disabled);
        Assert.Equal(["code_disabled"], Reasons(await ValidateAsync(w, probe)));
        await RedeemAsync(w, probe, HttpStatusCode.UnprocessableEntity); // a redeem is refused too
        Assert.Equal(0, await PostAsync(id, "disable")); // already disabled: nothing to change

        Assert.Equal(40, await PostAsync(id, "enable"));
        Assert.Equal(4.00m, Total(await ValidateAsync(w, probe)));
        Assert.Equal(["code_disabled"], Reasons(await ValidateAsync(w, codes[2]))); // disabled on its own: still

        Assert.Equal(40, await PostAsync(id, "archive"));
        Assert.True((await BatchRowAsync(id)).Archived);
        Assert.Equal(["code_archived"], Reasons(await ValidateAsync(w, probe)));
        await RedeemAsync(w, probe, HttpStatusCode.UnprocessableEntity);

        Assert.Equal(40, await PostAsync(id, "unarchive"));
        Assert.Equal(4.00m, Total(await ValidateAsync(w, probe)));
        Assert.Equal(["code_archived"], Reasons(await ValidateAsync(w, codes[3]))); // archived on its own: still
        await RedeemAsync(w, probe, HttpStatusCode.OK);

        // The switches are on the batch's row: no code's row was rewritten.
        Assert.Equal(rows.Select(c => (c.Enabled, c.IsArchived, c.UpdatedAt)), (await CodesAsync(id)).Select(c => (c.Enabled, c.IsArchived, c.UpdatedAt)));

        // One entry per call, on the batch, with the count; the other batch is untouched.
        var entries = await EntriesAsync(id);
        Assert.Equal(["disable", "disable", "enable", "archive", "unarchive"], entries.Select(e => e.Action));
        Assert.Equal([40, 0, 40, 40, 40], entries.Select(e => e.Count));
        Assert.All(entries, e => Assert.Equal(("Ops " + w.Tag, w.Home), (e.EntityName, e.LocationKey)));
        Assert.Equal(new AuditChange("enabled", "true", "false"), Assert.Single(AuditLog.ChangesOf(entries[0])));
        Assert.Equal(new AuditChange("archived", "false", "true"), Assert.Single(AuditLog.ChangesOf(entries[3])));
        Assert.Equal(4.00m, Total(await ValidateAsync(other, otherCodes[0])));
    }

    [Fact]
    public async Task The_lists_status_and_csv_read_the_batch_switches_and_a_code_of_an_archived_batch_stays_archived()
    {
        var (w, id, codes) = await BatchAsync(6);
        async Task<Dictionary<string, string>> ListAsync(string query)
        {
            var list = await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&batchId={id}&pageSize=100{query}", Ct).ExpectAsync(HttpStatusCode.OK);
            return list.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("status").GetString()!);
        }
        Assert.Equal(6, (await ListAsync("&status=active")).Count);

        await PostAsync(id, "disable");
        Assert.All((await ListAsync("")).Values, s => Assert.Equal("disabled", s));
        Assert.Equal(6, (await ListAsync("&status=disabled")).Count);
        Assert.Empty(await ListAsync("&status=active"));
        var one = (await Api.GetAsync($"/api/v1/promo-codes?locationKey={w.Home}&source=batch&code={codes[0]}", Ct).ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("disabled", (await Api.GetAsync($"/api/v1/promo-codes/{one.GetProperty("id").GetInt32()}", Ct).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        var csv = await Api.GetStringAsync($"/api/v1/promo-codes/export?locationKey={w.Home}&batchId={id}", Ct);
        Assert.Equal(6, csv.Split('\n').Count(l => l.Contains(",disabled", StringComparison.Ordinal)));

        // Archived: off the active tab, on the archived one, with the status; the batch's CSV says so too.
        await PostAsync(id, "archive");
        Assert.Empty(await ListAsync(""));
        var archived = await ListAsync("&tab=archived");
        Assert.Equal(codes.Order(), archived.Keys.Order());
        Assert.All(archived.Values, s => Assert.Equal("archived", s));
        Assert.Equal(6, (await ListAsync("&status=archived")).Count);
        var batchCsv = await Api.GetStringAsync($"/api/v1/batches/{id}/export", Ct);
        Assert.Equal(6, batchCsv.Split('\n').Count(l => l.Contains(",archived", StringComparison.Ordinal)));

        // A code of an archived batch cannot leave it alone: the archived tab offers its batch instead, the code's page says
        // why, and the API refuses.
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var tab = await session.GetPageAsync($"/promo-codes?tab=archived&batchId={id}");
        Assert.Empty(tab.QuerySelectorAll("form[action$='/unarchive']"));
        Assert.Equal(6, tab.QuerySelectorAll("[data-batch-switch]").Length);
        var page = await session.GetPageAsync($"/promo-codes/{one.GetProperty("id").GetInt32()}/edit");
        Assert.Contains("batch is archived", page.QuerySelector("[role=status]")!.TextContent);
        var problem = await Api.PostAsync($"/api/v1/promo-codes/{one.GetProperty("id").GetInt32()}/unarchive", null, Ct).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("unarchive the batch", problem.GetProperty("errors").GetProperty("archived")[0].GetString());

        await PostAsync(id, "unarchive");
        await PostAsync(id, "enable");
        Assert.Equal(6, (await ListAsync("&status=active")).Count);
    }

    [Fact]
    public async Task The_redeems_own_guard_takes_no_use_of_a_code_while_its_batch_is_disabled_or_archived()
    {
        var (_, id, codes) = await BatchAsync(2);
        async Task<int> TakeAsync()
        {
            await using var scope = factory.Db();
            var codeId = await scope.Context.PromoCodes.Where(c => c.Code == codes[0]).Select(c => c.Id).SingleAsync(Ct);
            return await InventoryUpdates.TakeOneAsync(scope.Context, codeId, Ct);
        }
        await PostAsync(id, "disable");
        Assert.Equal(0, await TakeAsync());
        await PostAsync(id, "enable");
        await PostAsync(id, "archive");
        Assert.Equal(0, await TakeAsync());
        await PostAsync(id, "unarchive");
        Assert.Equal(1, await TakeAsync());
    }

    [Fact]
    public async Task Settings_set_the_given_fields_on_every_code_and_the_next_validate_applies_them()
    {
        var (w, id, codes) = await BatchAsync(25);
        await using (var scope = factory.Db())
            await scope.Context.PromoCodes.Where(c => c.Code == codes[3]).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, true), Ct);
        Assert.Equal(4.00m, Total(await ValidateAsync(w, codes[0])));

        var answer = await Api.PutAsJsonAsync($"/api/v1/batches/{id}/settings", new { amount = 25, description = "Spring", purchaseEnd = "2099-12-31" }, Ct)
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((id, 25), (answer.GetProperty("batchId").GetInt32(), answer.GetProperty("updated").GetInt32()));
        Assert.Equal(10.00m, Total(await ValidateAsync(w, codes[0])));
        var after = await CodesAsync(id);
        Assert.All(after, c => Assert.Equal((25m, "Spring", (DateOnly?)null, new DateOnly(2099, 12, 31)), (c.Amount, c.Description, c.PurchaseStart, c.PurchaseEnd)));

        var entry = Assert.Single(await EntriesAsync(id));
        Assert.Equal((AuditActions.Settings, (int?)25), (entry.Action, entry.Count));
        Assert.Equal(["amount", "description", "purchaseEnd", "purchaseStart"], AuditLog.ChangesOf(entry).Select(c => c.Field));
        Assert.Equal("25", AuditLog.ChangesOf(entry)[0].To);

        // The batch keeps the settings it was generated with.
        await using (var scope = factory.Db())
            Assert.Equal(10m, BatchService.ReadSettings(await scope.Context.Batches.AsNoTracking().FirstAsync(b => b.Id == id, Ct)).Amount);
    }

    [Fact]
    public async Task Bad_settings_are_refused_naming_the_field_and_change_nothing()
    {
        var (_, id, _) = await BatchAsync(5);
        async Task<string[]> RefusedAsync(object body) =>
            (await Api.PutAsJsonAsync($"/api/v1/batches/{id}/settings", body, Ct).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields();

        Assert.Equal(["code"], await RefusedAsync(new { code = "NEW", amount = 5 }));
        Assert.Equal(["enabled"], await RefusedAsync(new { enabled = false }));
        Assert.Equal(["amount"], await RefusedAsync(new { amount = 150 })); // the codes are percentage discounts
        Assert.Equal(["amount"], await RefusedAsync(new { amount = "lots" }));
        Assert.Equal(["fields"], await RefusedAsync(new { }));
        Assert.Equal(["allLocations"], await RefusedAsync(new { allLocations = true }));
        Assert.Equal(["usesPerCustomer"], await RefusedAsync(new { usesPerCustomerPeriod = "week" }));
        Assert.All(await CodesAsync(id), c => Assert.Equal((10m, (string?)null), (c.Amount, c.Description)));
        Assert.Empty(await EntriesAsync(id));
    }

    [Fact]
    public async Task A_batch_still_generating_or_failed_is_refused_and_another_locations_batch_is_not_there()
    {
        var (_, generating, _) = await BatchAsync(3, BatchStatus.Generating);
        foreach (var change in new[] { "disable", "enable", "archive", "unarchive" })
        {
            var problem = await Api.PostAsync($"/api/v1/batches/{generating}/{change}", null, Ct).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Contains("still generating", problem.GetProperty("errors").GetProperty("status")[0].GetString());
        }
        Assert.Equal(["status"], (await Api.PutAsJsonAsync($"/api/v1/batches/{generating}/settings", new { amount = 5 }, Ct).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var (_, failed, _) = await BatchAsync(2, BatchStatus.Failed);
        Assert.Equal(["status"], (await Api.PostAsync($"/api/v1/batches/{failed}/archive", null, Ct).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields());

        var (w, id, _) = await BatchAsync(4);
        await Api.PostAsync($"/api/v1/batches/{id}/disable?locationKey={w.Away}", null, Ct).ExpectAsync(HttpStatusCode.Forbidden);
        await Api.PutAsJsonAsync($"/api/v1/batches/{id}/settings?locationKey={w.Away}", new { amount = 5 }, Ct).ExpectAsync(HttpStatusCode.Forbidden);
        await Api.PostAsync("/api/v1/batches/999999999/archive", null, Ct).ExpectAsync(HttpStatusCode.NotFound);

        // In the pages another location's batch is not there: 404 on the confirmation, the settings and the post.
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var confirm = await session.GetPageAsync($"/batches/{id}/disable");
        var settings = await session.GetPageAsync($"/batches/{id}/settings");
        session.At(w.Away);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/batches/{id}/disable", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/batches/{id}/settings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.SubmitAsync(confirm, "#batch-change")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.SubmitAsync(settings, "#batch-settings", new() { ["Fields"] = ["amount"], ["Values.Amount"] = ["5"] })).StatusCode);
        Assert.All(await CodesAsync(id), c => Assert.Equal(10, c.Amount));
        Assert.False((await BatchRowAsync(id)).Disabled);
        Assert.Empty(await EntriesAsync(id));
    }

    [Fact]
    public async Task The_batch_page_confirms_each_change_on_a_page_of_its_own_then_makes_it()
    {
        var (w, id, codes) = await BatchAsync(12);
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var show = await session.GetPageAsync($"/batches/{id}");
        Assert.NotNull(show.QuerySelector($"a[href='/batches/{id}/settings']"));
        async Task<string[]> ButtonsAsync() =>
            [.. (show = await session.GetPageAsync($"/batches/{id}")).QuerySelectorAll("[data-batch-change]").Select(a => a.GetAttribute("data-batch-change")!)];
        Assert.Equal(["disable", "archive"], await ButtonsAsync());

        async Task<string> ChangeAsync(string change)
        {
            var confirm = await session.GetPageAsync($"/batches/{id}/{change}");
            Assert.Contains("all 12 codes of batch Ops " + w.Tag, confirm.QuerySelector("[data-testid=change-confirmation]")!.TextContent);
            return Success(await session.FollowAsync(await session.SubmitAsync(confirm, "#batch-change")));
        }

        // Opening the confirmation changes nothing.
        await session.GetPageAsync($"/batches/{id}/disable");
        Assert.False((await BatchRowAsync(id)).Disabled);

        Assert.Contains($"12 codes of Ops {w.Tag} disabled.", await ChangeAsync("disable"));
        Assert.Equal(["code_disabled"], Reasons(await ValidateAsync(w, codes[5])));
        Assert.Equal(["enable", "archive"], await ButtonsAsync());
        Assert.NotNull(show.QuerySelector("[data-testid=batch-disabled]"));
        Assert.Contains($"12 codes of Ops {w.Tag} archived.", await ChangeAsync("archive"));
        Assert.Equal(["code_archived", "code_disabled"], Reasons(await ValidateAsync(w, codes[5])));
        Assert.Equal(["enable", "unarchive"], await ButtonsAsync());
        Assert.Contains($"12 codes of Ops {w.Tag} enabled.", await ChangeAsync("enable"));
        Assert.Contains($"12 codes of Ops {w.Tag} unarchived.", await ChangeAsync("unarchive"));
        Assert.Contains($"Every code of Ops {w.Tag} was already unarchived.", await ChangeAsync("unarchive"));
        Assert.Equal(4.00m, Total(await ValidateAsync(w, codes[5])));
        Assert.Equal(["disable", "archive", "enable", "unarchive", "unarchive"], (await EntriesAsync(id)).Select(e => e.Action));
    }

    [Fact]
    public async Task The_batch_settings_page_sets_the_picked_fields_on_every_code()
    {
        var (w, id, codes) = await BatchAsync(8);
        Assert.Equal(4.00m, Total(await ValidateAsync(w, codes[0])));
        var session = (await WebSession.SignedInAsync(factory)).At(w.Home);
        var form = await session.GetPageAsync($"/batches/{id}/settings");
        Assert.Equal(SettingFields.Bulk.Select(f => f.Label), form.QuerySelectorAll("[data-field-picker] label").Select(l => l.TextContent.Trim()));

        // Picking re-renders with only the picked field shown; an amount over 100 on percentage codes is refused.
        var picked = await WebSession.ParseAsync(await session.SubmitAsync(form, "#batch-settings", new() { ["Fields"] = ["amount"], ["Command"] = ["pick-fields"] }));
        Assert.False(picked.QuerySelector("[data-field='amount']")!.HasAttribute("hidden"));
        var refused = await WebSession.ParseAsync(await session.SubmitAsync(picked, "#batch-settings", new() { ["Values.Amount"] = ["150"] }));
        Assert.Contains("cannot be more than 100%", refused.QuerySelector(".error-summary")!.TextContent);
        Assert.All(await CodesAsync(id), c => Assert.Equal(10m, c.Amount));

        var done = await session.FollowAsync(await session.SubmitAsync(picked, "#batch-settings", new() { ["Values.Amount"] = ["30"], ["Values.Description"] = ["not picked"] }));
        Assert.Contains($"Amount set on 8 codes of Ops {w.Tag}.", Success(done));
        Assert.Equal(12.00m, Total(await ValidateAsync(w, codes[0])));
        Assert.All(await CodesAsync(id), c => Assert.Equal((30m, (string?)null), (c.Amount, c.Description)));
        var entry = Assert.Single(await EntriesAsync(id));
        Assert.Equal((AuditActions.Settings, (int?)8, "amount"), (entry.Action, entry.Count, Assert.Single(AuditLog.ChangesOf(entry)).Field));
    }

    [Fact]
    public async Task Only_roles_that_manage_batches_see_the_batch_level_buttons()
    {
        var (w, id, _) = await BatchAsync(2);
        var email = $"cs-{w.Tag}@test.promoadmin";
        await factory.UserAsync(email, "Batch-ops-pass-2026", Domain.Users.Roles.CustomerService);
        var cs = (await WebSession.SignedInAsync(factory, email, "Batch-ops-pass-2026")).At(w.Home);
        var show = await cs.GetPageAsync($"/batches/{id}");
        Assert.Empty(show.QuerySelectorAll("[data-batch-change]"));
        Assert.Null(show.QuerySelector($"a[href='/batches/{id}/settings']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await cs.Client.GetAsync($"/batches/{id}/archive", Ct)).StatusCode);
    }
}
