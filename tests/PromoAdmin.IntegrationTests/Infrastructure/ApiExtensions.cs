using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Tests;

namespace PromoAdmin.IntegrationTests.Infrastructure;

public static class ApiExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>A location and a few catalog items with unique keys, for one test's own data.</summary>
    public static async Task<TestWorld> WorldAsync(this PromoAdminFactory factory, string? tag = null)
    {
        tag ??= Guid.NewGuid().ToString("N")[..8];
        await using var scope = factory.Db();
        var db = scope.Context;
        var home = new Domain.Locations.Location { Key = $"home-{tag}", Name = $"Home {tag}", TimeZone = "America/New_York" };
        var away = new Domain.Locations.Location { Key = $"away-{tag}", Name = $"Away {tag}", TimeZone = "Europe/London" };
        db.Locations.AddRange(home, away);
        db.CatalogItems.AddRange(
            new CatalogItem { Key = $"event-{tag}", Name = "Escape room", Kind = CatalogItemKind.Event },
            new CatalogItem { Key = $"item-{tag}", Name = "T-shirt", Kind = CatalogItemKind.Item },
            new CatalogItem { Key = $"gift-{tag}", Name = "Gift card", Kind = CatalogItemKind.GiftCard });
        await db.SaveChangesAsync();
        return new TestWorld(tag, home.Key, away.Key, home.Id, away.Id, $"event-{tag}", $"item-{tag}", $"gift-{tag}");
    }
}

public sealed record TestWorld(string Tag, string Home, string Away, int HomeId, int AwayId, string EventKey, string ItemKey, string GiftKey)
{
    public string Code(string name) => (name + Tag).ToUpperInvariant();
}
