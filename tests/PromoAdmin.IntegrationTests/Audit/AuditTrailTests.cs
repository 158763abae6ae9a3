using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.PromoCodes;
using PromoAdmin.Domain.Users;
using PromoAdmin.IntegrationTests.Infrastructure;
using static PromoAdmin.IntegrationTests.PromoCodePages.PageHelpers;

namespace PromoAdmin.IntegrationTests.Audit;

/// <summary>
/// The audit trail (docs/rules.md#audit) on the shared app: who changed what through the pages and the API, one entry for
/// a set-based change, append-only, the audit page and a code's History tab, and the checkout's hot paths writing nothing.
/// Every test finds its entries by its own world's tag, location or ids.
/// </summary>
public sealed partial class AuditTrailTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Api => factory.ApiClient();

    private async Task<List<JsonElement>> EntriesAsync(string query)
    {
        var body = await Api.GetAsync($"/api/v1/audit?{query}", Ct).ExpectAsync(HttpStatusCode.OK);
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private static JsonElement Change(JsonElement entry, string field) =>
        entry.GetProperty("changes").EnumerateArray().SingleOrDefault(c => c.GetProperty("field").GetString() == field) is { ValueKind: JsonValueKind.Object } c
            ? c : throw new Xunit.Sdk.XunitException($"No change of '{field}' in {entry}");

    private static decimal Number(JsonElement change, string end) => decimal.Parse(change.GetProperty(end).GetString()!, CultureInfo.InvariantCulture);

    private async Task<List<AuditEntry>> StoredAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> where)
    {
        await using var scope = factory.Db();
        return await where(scope.Context.AuditEntries.AsNoTracking()).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_change_through_the_form_and_one_through_the_api_each_record_who_and_the_changed_value()
    {
        var world = await factory.WorldAsync();
        var code = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("AUDITED"), LocationKey = world.Home, RedemptionType = RedemptionType.Value, Amount = 5 });

        var session = await AdminAtAsync(factory, world.Home);
        var form = await session.GetPageAsync($"/promo-codes/{code.Id}/edit");
        await session.FollowAsync(await session.SubmitAsync(form, SaveForm, new() { ["Amount"] = ["7.5"] }));

        var details = JsonNode.Parse((await Api.GetStringAsync($"/api/v1/promo-codes/{code.Id}", Ct)))!.AsObject();
        details["amount"] = 9;
        await Api.PutAsJsonAsync($"/api/v1/promo-codes/{code.Id}", details, Ct).ExpectAsync(HttpStatusCode.OK);

        var entries = await EntriesAsync($"entityType=promoCode&entityId={code.Id}");
        Assert.Equal(["update", "update", "create"], entries.Select(e => e.GetProperty("action").GetString()));
        var (byApi, byForm, created) = (entries[0], entries[1], entries[2]);

        Assert.Equal(("api:Bootstrap", "apiClient"), (byApi.GetProperty("actor").GetString(), byApi.GetProperty("actorType").GetString()));
        Assert.Equal((7.5m, 9m), (Number(Change(byApi, "amount"), "from"), Number(Change(byApi, "amount"), "to")));
        Assert.Equal((PromoAdminFactory.AdminEmail, "user"), (byForm.GetProperty("actor").GetString(), byForm.GetProperty("actorType").GetString()));
        Assert.Equal((5m, 7.5m), (Number(Change(byForm, "amount"), "from"), Number(Change(byForm, "amount"), "to")));
        Assert.Equal(("system", "system"), (created.GetProperty("actor").GetString(), created.GetProperty("actorType").GetString()));

        foreach (var e in entries)
        {
            Assert.Equal((code.Code, world.Home, code.Id.ToString(CultureInfo.InvariantCulture)),
                (e.GetProperty("entityName").GetString(), e.GetProperty("locationKey").GetString(), e.GetProperty("entityId").GetString()));
            Assert.Equal(TimeSpan.Zero, e.GetProperty("at").GetDateTimeOffset().Offset);
        }
        // Only what changed: no timestamps, ids or usage counters.
        Assert.DoesNotContain(byApi.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() is "updatedAt" or "id" or "timesUsed");
        Assert.Equal(["amount"], byApi.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_bulk_update_and_a_batch_generation_each_write_one_entry_with_the_count()
    {
        var world = await factory.WorldAsync();
        var ids = new List<int>();
        for (var i = 0; i < 4; i++) ids.Add((await factory.AddCodeAsync(world.HomeId, world.Code($"BULK{i}"))).Id);

        await Api.PostAsJsonAsync("/api/v1/promo-codes/bulk-update",
            new { locationKey = world.Home, codeIds = ids, fields = new { amount = 12, description = "Bulk " + world.Tag } }, Ct).ExpectAsync(HttpStatusCode.OK);
        var bulkEntry = Assert.Single(await StoredAsync(q => q.Where(e => e.LocationKey == world.Home && e.Action == AuditActions.BulkUpdate)));
        Assert.Equal((4, AuditEntities.PromoCode, "api:Bootstrap"), (bulkEntry.Count, bulkEntry.EntityType, bulkEntry.Actor));
        Assert.Equal([("amount", "12"), ("description", "Bulk " + world.Tag)],
            AuditLog.ChangesOf(bulkEntry).Select(c => (c.Field, c.To)).Order());
        Assert.DoesNotContain(await StoredAsync(q => q.Where(e => e.LocationKey == world.Home)), e => e.Action == AuditActions.Update);

        var batch = await Api.PostAsJsonAsync("/api/v1/batches",
            new { locationKey = world.Home, name = "Audited " + world.Tag, method = "count", count = 3_000, codeLength = 10, settings = new { amount = 10 } }, Ct)
            .ExpectAsync(HttpStatusCode.Accepted);
        var batchId = batch.GetProperty("id").GetInt32();
        await Eventually.UntilAsync(async () =>
            (await Api.GetAsync($"/api/v1/batches/{batchId}", Ct).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString() == "ready", "the batch is ready");

        var generated = Assert.Single(await EntriesAsync($"entityType=batch&entityId={batchId}"));
        Assert.Equal(("generate", 3_000, "Audited " + world.Tag), (generated.GetProperty("action").GetString(), generated.GetProperty("count").GetInt32(), generated.GetProperty("entityName").GetString()));
        // The worker's 3,000 codes wrote nothing of their own: the location has exactly the bulk update's and the batch's entries.
        Assert.Equal([AuditActions.BulkUpdate, AuditActions.Generate], (await StoredAsync(q => q.Where(e => e.LocationKey == world.Home))).Select(e => e.Action));
    }

    [Fact]
    public async Task Every_service_records_its_creates_updates_and_set_based_changes()
    {
        var world = await factory.WorldAsync();
        var t = world.Tag;
        async Task<(string Type, int Id)> CreatedAndUpdatedAsync(string type, string path, object create, object update)
        {
            var id = (await Api.PostAsJsonAsync(path, create, Ct).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
            await Api.PutAsJsonAsync($"{path}/{id}", update, Ct).ExpectAsync(HttpStatusCode.OK);
            return (type, id);
        }
        var changed = new[]
        {
            await CreatedAndUpdatedAsync("group", "/api/v1/promo-code-groups", new { name = $"Group {t}" }, new { name = $"Group {t} renamed" }),
            await CreatedAndUpdatedAsync("catalogItem", "/api/v1/catalog-items", new { key = $"audit-item-{t}", name = "Item", kind = "item" }, new { key = $"audit-item-{t}", name = "Item renamed", kind = "item" }),
            await CreatedAndUpdatedAsync("variantTargetingGroup", "/api/v1/variant-targeting-groups", new { name = $"Vtg {t}", itemKeys = new[] { world.ItemKey } }, new { name = $"Vtg {t}", itemKeys = new[] { world.EventKey } }),
            await CreatedAndUpdatedAsync("customer", "/api/v1/customers", new { key = $"audit-cust-{t}", name = "Ava" }, new { key = $"audit-cust-{t}", name = "Ava B" }),
            await CreatedAndUpdatedAsync("segment", "/api/v1/segments", new { name = $"Segment {t}", customerKeys = new[] { $"audit-cust-{t}" } }, new { name = $"Segment {t}", customerKeys = Array.Empty<string>() }),
            await CreatedAndUpdatedAsync("campaign", "/api/v1/campaigns", new { name = $"Campaign {t}" }, new { name = $"Campaign {t} renamed" }),
            await CreatedAndUpdatedAsync("lookup", "/api/v1/lookups", new { kind = "offerType", name = $"Offer {t}" }, new { kind = "offerType", name = $"Offer {t} renamed" }),
            await CreatedAndUpdatedAsync("location", "/api/v1/locations", new { key = $"audit-loc-{t}", name = "Loc", timeZone = "UTC" }, new { key = $"audit-loc-{t}", name = "Loc renamed", timeZone = "UTC" }),
        };
        foreach (var (type, id) in changed)
        {
            var entries = await EntriesAsync($"entityType={type}&entityId={id}");
            Assert.True(entries.Select(e => e.GetProperty("action").GetString()).SequenceEqual(["update", "create"]), $"{type} {id}: {string.Join(", ", entries)}");
            Assert.NotEmpty(entries[0].GetProperty("changes").EnumerateArray());
        }
        Assert.Equal(("Loc", "Loc renamed"), (Change((await EntriesAsync($"entityType=location&entityId={changed[^1].Id}"))[0], "name").GetProperty("from").GetString(),
            Change((await EntriesAsync($"entityType=location&entityId={changed[^1].Id}"))[0], "name").GetProperty("to").GetString()));

        var client = (await Api.PostAsJsonAsync("/api/v1/api-clients", new { name = $"Client {t}", scopes = new[] { "checkout" } }, Ct).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await Api.PostAsync($"/api/v1/api-clients/{client}/revoke", null, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["revoke", "create"], (await EntriesAsync($"entityType=apiClient&entityId={client}")).Select(e => e.GetProperty("action").GetString()));

        // A copy: one entry on each new code; a clone: one entry with the count, on the source.
        var code = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("SOURCE"), LocationKey = world.Home, Amount = 5 });
        var copy = (await Api.PostAsJsonAsync($"/api/v1/promo-codes/{code.Id}/copy", new { locationKeys = new[] { world.Away } }, Ct).ExpectAsync(HttpStatusCode.Created))[0];
        var copied = Assert.Single(await EntriesAsync($"entityType=promoCode&entityId={copy.GetProperty("id").GetInt32()}"));
        Assert.Equal(("copy", world.Away), (copied.GetProperty("action").GetString(), copied.GetProperty("locationKey").GetString()));
        await Api.PostAsJsonAsync($"/api/v1/promo-codes/{code.Id}/clone", new { count = 7 }, Ct).ExpectAsync(HttpStatusCode.Created);
        var cloned = (await EntriesAsync($"entityType=promoCode&entityId={code.Id}&action=clone")).Single();
        Assert.Equal(7, cloned.GetProperty("count").GetInt32());

        // A batch's inventory and its deletion: one entry each, with the number of codes.
        var batch = (await Api.PostAsJsonAsync("/api/v1/batches",
            new { locationKey = world.Home, name = "Inventory " + t, method = "count", count = 40, codeLength = 10, settings = new { amount = 10 } }, Ct)
            .ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetInt32();
        await Eventually.UntilAsync(async () =>
            (await Api.GetAsync($"/api/v1/batches/{batch}", Ct).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString() == "ready", "the batch is ready");
        await Api.PostAsJsonAsync($"/api/v1/batches/{batch}/inventory", new { action = "set", amount = 3 }, Ct).ExpectAsync(HttpStatusCode.OK);
        await Api.DeleteAsync($"/api/v1/batches/{batch}", Ct).ExpectAsync(HttpStatusCode.NoContent);
        var batchEntries = await EntriesAsync($"entityType=batch&entityId={batch}");
        Assert.Equal([("delete", 40), ("inventory", 40), ("generate", 40)],
            batchEntries.Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("count").GetInt32())));
        Assert.Equal("3", Change(batchEntries[1], "quantity").GetProperty("to").GetString());
    }

    [Fact]
    public async Task The_trail_is_append_only_no_route_changes_or_deletes_an_entry()
    {
        var world = await factory.WorldAsync();
        await factory.CodeAsync(new PromoCodeInput { Code = world.Code("KEEP"), LocationKey = world.Home, Amount = 5 });
        var entry = Assert.Single(await StoredAsync(q => q.Where(e => e.LocationKey == world.Home)));

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Post })
        {
            foreach (var path in new[] { "/api/v1/audit", $"/api/v1/audit/{entry.Id}" })
            {
                using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { action = "tampered" }) };
                var status = (await Api.SendAsync(request, Ct)).StatusCode;
                Assert.True(status is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {path} answered {(int)status}");
            }
        }
        var session = await WebSession.SignedInAsync(factory);
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            var status = (await session.Client.SendAsync(new HttpRequestMessage(method, $"/audit/{entry.Id}"), Ct)).StatusCode;
            Assert.True(status is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{method} /audit/{entry.Id} answered {(int)status}");
        }
        Assert.Empty((await session.GetPageAsync("/audit")).QuerySelectorAll("main form[method=post]"));
        Assert.Equal(entry.Action, Assert.Single(await StoredAsync(q => q.Where(e => e.Id == entry.Id))).Action);

        // No code path updates or deletes an entry: nothing in the app's source names the entries next to a write.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PromoAdmin.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var offenders = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => AuditWrite().IsMatch(File.ReadAllText(f))).ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"(AuditEntries|Set<(Audit\.)?AuditEntry>\(\))\s*(\.\s*Where\([^;]*\))?\s*\.\s*(Remove|RemoveRange|Update|UpdateRange|Attach|ExecuteUpdate\w*|ExecuteDelete\w*)\b|DELETE\s+FROM\s+""?\[?AuditEntries|UPDATE\s+""?\[?AuditEntries",
        RegexOptions.IgnoreCase)]
    private static partial Regex AuditWrite();

    [Fact]
    public async Task The_audit_page_filters_pages_and_exports_for_an_admin_and_refuses_the_export_to_a_manager()
    {
        var tag = TestData.NewTag();
        var actor = $"tester-{tag}@test.promoadmin";
        await using (var scope = factory.Db())
        {
            for (var i = 0; i < 30; i++)
            {
                scope.Context.AuditEntries.Add(new AuditEntry
                {
                    At = new DateTimeOffset(2020, 1, 1 + i % 3, 12, 0, 0, TimeSpan.Zero), Actor = i < 20 ? actor : "api:other-" + tag, ActorType = "user",
                    EntityType = AuditEntities.PromoCode, EntityId = $"{tag}-{i}", EntityName = $"PAGE{tag.ToUpperInvariant()}{i:00}",
                    Action = i % 2 == 0 ? AuditActions.Update : AuditActions.Archive, Changes = $$"""[{"field":"amount","from":"{{i}}","to":"{{i + 1}}"}]""",
                });
            }
            await scope.Context.SaveChangesAsync(Ct);
        }

        var admin = await WebSession.SignedInAsync(factory);
        var first = await admin.GetPageAsync($"/audit?text=page{tag}");
        Assert.Equal("Total results: 30", first.QuerySelector(".toolbar .ms-auto")!.TextContent.Trim());
        Assert.Equal(25, first.QuerySelectorAll("tr[data-audit-row]").Length);
        Assert.Contains($"PAGE{tag.ToUpperInvariant()}29", first.QuerySelector("tr[data-audit-row]")!.TextContent); // newest first
        Assert.Contains("amount: 29 → 30", first.QuerySelector("tr[data-audit-row] .audit-changes")!.TextContent.Replace("\n", " ").Trim());
        var second = await admin.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(5, second.QuerySelectorAll("tr[data-audit-row]").Length);

        var filtered = await admin.GetPageAsync($"/audit?text=page{tag}&actor={Uri.EscapeDataString(actor)}&action=archive&entityType=promoCode&from=2020-01-02&to=2020-01-02");
        // Of the first 20 (the tester's), the odd ones are archives, and those on Jan 2 are i % 3 == 1: 1, 7, 13, 19.
        Assert.Equal(["19", "13", "07", "01"], filtered.QuerySelectorAll("tr[data-audit-row]").Select(r => r.TextContent.Contains($"PAGE{tag.ToUpperInvariant()}", StringComparison.Ordinal)
            ? Regex.Match(r.TextContent, $"PAGE{tag.ToUpperInvariant()}(\\d\\d)").Groups[1].Value : ""));

        var exportLink = filtered.QuerySelector("[data-testid=audit-export]")!.GetAttribute("href")!;
        var csv = await admin.Client.GetAsync(exportLink, Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Matches("attachment; filename=\"audit-\\d{8}-\\d{6}\\.csv\"", csv.Content.Headers.ContentDisposition!.ToString());
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("At (UTC),Actor,Actor Type,Location,Entity Type,Entity Id,Entity Name,Action,Count,Changes", lines[0]);
        Assert.Contains($"2020-01-02 12:00:00,{actor},user,,promoCode,{tag}-19,PAGE{tag.ToUpperInvariant()}19,archive,,amount: 19 → 20", lines[1]);

        var email = $"manager-{tag}@test.promoadmin";
        await factory.UserAsync(email, "Manager-pass-2026", Roles.Manager);
        var manager = await WebSession.SignedInAsync(factory, email, "Manager-pass-2026");
        var page = await manager.GetPageAsync($"/audit?text=page{tag}");
        Assert.Equal(25, page.QuerySelectorAll("tr[data-audit-row]").Length);
        Assert.Null(page.QuerySelector("[data-testid=audit-export]"));
        Assert.NotNull(page.QuerySelector("nav.app-nav a[href='/audit']"));
        var refused = await manager.Client.GetAsync($"/audit/export?text=page{tag}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_codes_history_tab_lists_its_entries_for_every_role_that_sees_the_code()
    {
        var world = await factory.WorldAsync();
        var code = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("HISTORY"), LocationKey = world.Home, Amount = 5 });
        var other = await factory.CodeAsync(new PromoCodeInput { Code = world.Code("OTHER"), LocationKey = world.Home, Amount = 5 });
        await Api.PostAsync($"/api/v1/promo-codes/{code.Id}/archive", null, Ct).ExpectAsync(HttpStatusCode.OK);
        await Api.PostAsync($"/api/v1/promo-codes/{code.Id}/unarchive", null, Ct).ExpectAsync(HttpStatusCode.OK);

        var admin = await AdminAtAsync(factory, world.Home);
        var view = await admin.GetPageAsync($"/promo-codes/{code.Id}");
        var tab = view.QuerySelectorAll("[data-testid=code-tabs] a").Single(a => a.TextContent.Trim() == "History");
        var history = await admin.GetPageAsync(tab.GetAttribute("href")!);
        Assert.Equal(["unarchive", "archive", "create"], history.QuerySelectorAll("tr[data-audit-row] .badge").Select(b => b.TextContent.Trim()));
        Assert.Contains("archived: true → false", history.QuerySelector("tr[data-audit-row] .audit-changes")!.TextContent);
        var others = (await StoredAsync(q => q.Where(e => e.EntityType == AuditEntities.PromoCode && e.EntityId == other.Id.ToString(CultureInfo.InvariantCulture))))
            .Select(e => e.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Single(others);
        Assert.DoesNotContain(history.QuerySelectorAll("tr[data-audit-row]"), r => others.Contains(r.GetAttribute("data-audit-row")!));

        var email = $"viewer-{world.Tag}@test.promoadmin";
        await factory.UserAsync(email, "Viewer-pass-2026", Roles.Viewer);
        var viewer = (await WebSession.SignedInAsync(factory, email, "Viewer-pass-2026")).At(world.Home);
        Assert.Equal(3, (await viewer.GetPageAsync($"/promo-codes/{code.Id}/history")).QuerySelectorAll("tr[data-audit-row]").Length);
        Assert.Null((await viewer.GetPageAsync("/promo-codes")).QuerySelector("nav.app-nav a[href='/audit']"));
        var refused = await viewer.Client.GetAsync("/audit", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // At another location the code is not there, nor its history.
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.At(world.Away).Client.GetAsync($"/promo-codes/{code.Id}/history", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_void_writes_one_entry_and_validate_and_redeem_write_none()
    {
        var world = await factory.WorldAsync();
        var text = world.Code("VOIDED");
        await factory.AddCodeAsync(world.HomeId, text, c => (c.RedemptionType, c.Amount) = (RedemptionType.Percentage, 10));
        var body = new
        {
            code = text, locationKey = world.Home, orderNumber = "A-" + world.Tag,
            lines = new[] { new { lineId = "1", itemKey = world.ItemKey, unitPrice = 20m, quantity = 1 } },
        };
        await Api.PostAsJsonAsync("/api/v1/checkout/validate", body, Ct).ExpectAsync(HttpStatusCode.OK);
        var redeemed = await Api.PostAsJsonAsync("/api/v1/checkout/redeem", body, Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(await StoredAsync(q => q.Where(e => e.LocationKey == world.Home || e.EntityName == text)));

        var redemptionId = redeemed.GetProperty("redemptionId").GetInt64();
        await Api.PostAsync($"/api/v1/checkout/redemptions/{redemptionId}/void", null, Ct).ExpectAsync(HttpStatusCode.OK);
        await Api.PostAsync($"/api/v1/checkout/redemptions/{redemptionId}/void", null, Ct).ExpectAsync(HttpStatusCode.OK); // already void: nothing new
        var entry = Assert.Single(await EntriesAsync($"entityType=redemption&entityId={redemptionId}"));
        Assert.Equal(("void", text, world.Home, "api:Bootstrap"),
            (entry.GetProperty("action").GetString(), entry.GetProperty("entityName").GetString(), entry.GetProperty("locationKey").GetString(), entry.GetProperty("actor").GetString()));
        Assert.Equal("voided", Change(entry, "status").GetProperty("to").GetString());
    }
}
