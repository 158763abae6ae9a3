using PromoAdmin.IntegrationTests.ApiDocs.Client;
using PromoAdmin.IntegrationTests.Infrastructure;

namespace PromoAdmin.IntegrationTests.ApiDocs;

/// <summary>
/// A client generated from the committed OpenAPI document at build time (NSwag, into obj/) works against the app: what
/// an integrator would generate is enough to set up a code and take it through the checkout.
/// </summary>
public sealed class GeneratedClientTests(SharedApp factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_generated_client_creates_a_location_an_item_and_a_code_then_validates_redeems_and_voids()
    {
        var http = factory.ApiClient(); // the bootstrap key: scopes admin and checkout
        var tag = TestData.NewTag();

        var location = await new LocationsClient(http).CreateAsync(new LocationInput { Key = $"gen-{tag}", Name = $"Generated {tag}", TimeZone = "America/New_York" }, Ct);
        Assert.Equal($"gen-{tag}", location.Key);
        var item = await new CatalogItemsClient(http).CreateAsync(new CatalogItemInput { Key = $"gen-item-{tag}", Name = $"T-shirt {tag}", Kind = CatalogItemKind.Item }, Ct);
        Assert.Equal(CatalogItemKind.Item, item.Kind);
        var code = await new PromoCodesClient(http).CreateAsync(new PromoCodeInput
        {
            Code = $"GEN{tag}".ToUpperInvariant(), LocationKey = location.Key, RedemptionType = RedemptionType.Percentage, Amount = 10, Quantity = 5,
        }, Ct);
        Assert.Equal(RedemptionType.Percentage, code.RedemptionType);

        var checkout = new CheckoutClient(http);
        var cart = new CheckoutRequest
        {
            Code = code.Code, LocationKey = location.Key, OrderNumber = $"GEN-{tag}",
            Lines = [new CheckoutLine { LineId = "1", ItemKey = item.Key, UnitPrice = 20, Quantity = 2 }],
        };
        var validated = await checkout.ValidateAsync(cart, Ct);
        Assert.True(validated.Valid, string.Join("; ", validated.Errors.Select(e => e.Message)));
        Assert.Equal(4, validated.Discount!.Total);

        var redeemed = await checkout.RedeemAsync($"gen-{tag}", cart, Ct);
        Assert.True(redeemed.Valid);
        Assert.NotNull(redeemed.RedemptionId);

        var voided = await checkout.VoidAsync(redeemed.RedemptionId!.Value, Ct);
        Assert.Equal("voided", voided.Status);
        Assert.True(voided.VoidedNow);

        // An error answer arrives as the document says: a problem with its status.
        var refused = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => checkout.ValidateAsync(new CheckoutRequest { LocationKey = location.Key }, Ct));
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal(400, refused.Result.Status);
    }
}
