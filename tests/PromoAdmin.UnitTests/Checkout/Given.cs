using PromoAdmin.Checkout.Carts;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Checkout.Rules;

namespace PromoAdmin.UnitTests.Checkout;

/// <summary>Small builders so each test states only the settings it is about.</summary>
internal static class Given
{
    /// <summary>Tuesday 10 March 2026, midday in New York.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 16, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Saturday = new(2026, 3, 14);
    public static readonly DateOnly Sunday = new(2026, 3, 15);
    public static readonly DateOnly Monday = new(2026, 3, 16);
    public static readonly DateOnly Wednesday = new(2026, 3, 18);

    /// <summary>10% off every line, no other rule.</summary>
    public static PromoCodeRules Code() => new()
    {
        Code = "SPRING10",
        TimeZoneId = "America/New_York",
        RedemptionType = RedemptionType.Percentage,
        ValueType = ValueScope.PerLineItem,
        Amount = 10m,
    };

    public static PromoCodeRules ValueCode(decimal amount, ValueScope scope) =>
        Code() with { RedemptionType = RedemptionType.Value, ValueType = scope, Amount = amount };

    public static CartLine Item(string lineId, decimal unitPrice, int quantity = 1, string itemKey = "mug") =>
        new(lineId, itemKey, ItemKind.Item, unitPrice, quantity);

    public static CartLine Event(string lineId, DateOnly date, TimeOnly? startsAt = null, decimal unitPrice = 20m,
        int quantity = 1, string itemKey = "escape-room") =>
        new(lineId, itemKey, ItemKind.Event, unitPrice, quantity, date, startsAt ?? new TimeOnly(18, 0));

    public static Cart Cart(params CartLine[] lines) => new() { Lines = lines };

    public static CustomerFacts Customer(string key = "cust-1", bool firstOrder = true, bool usedThisCode = false) =>
        new() { Key = key, IsFirstOrder = firstOrder, HasUsedThisCode = usedThisCode };

    public static EvaluationResult Evaluate(PromoCodeRules? code, Cart cart, CustomerFacts? customer = null, DateTimeOffset? at = null) =>
        PromoCodeEvaluator.Evaluate(code, cart, customer ?? CustomerFacts.Guest, at ?? Now);

    public static string[] ErrorCodes(this EvaluationResult result) => result.Errors.Select(e => e.Code).ToArray();

    public static decimal LineAmount(this EvaluationResult result, string lineId) =>
        result.Discount!.Lines.Single(l => l.LineId == lineId).Amount;
}
