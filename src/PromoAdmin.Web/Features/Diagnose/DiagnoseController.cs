using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Checkout.Evaluation;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Redemptions;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Diagnose;

public sealed class DiagnoseLineForm
{
    public string? ItemKey { get; set; }
    public decimal? UnitPrice { get; set; }
    public int? Quantity { get; set; }
    public DateOnly? BookingDate { get; set; }
    public string? BookingStartTime { get; set; }
}

/// <summary>"Why isn't my code applying?": a code, a cart and a customer, checked exactly as the checkout would.</summary>
public sealed class DiagnoseForm
{
    public string? LocationKey { get; set; }
    public string? Code { get; set; }
    public string Channel { get; set; } = "online";
    public string? CustomerKey { get; set; }
    public bool IsFirstOrder { get; set; }
    /// <summary>The wall-clock time at the location (the datetime-local input's <c>2026-12-07T14:05</c>); blank is now.</summary>
    public string? PurchaseAt { get; set; }
    public string? AppliedCodes { get; set; }
    public decimal? Shipping { get; set; }
    public List<DiagnoseLineForm> Lines { get; set; } = [];
}

public sealed record DiagnoseModel(DiagnoseForm Form, List<Location> Locations, List<PromoAdmin.Domain.Catalog.CatalogItem> Items, CheckoutVerdict? Verdict, MoneyFormat Money)
{
    /// <summary>The checks that look at the cart's lines (docs/rules.md#diagnose): without a line they have nothing to judge.</summary>
    private static readonly HashSet<RejectionReason> CartChecks =
    [
        RejectionReason.BookingDateNotAllowed, RejectionReason.BookingDateExcluded, RejectionReason.BookingDayNotAllowed,
        RejectionReason.BookingTimeNotAllowed, RejectionReason.NoApplicableItems, RejectionReason.EligibilityRuleNotMet,
        RejectionReason.OrderMinimumNotMet,
    ];

    /// <summary>The code was looked up without a cart line.</summary>
    public bool WithoutCart { get; init; }

    public bool NeedsCart(CheckOutcome check) => WithoutCart && CartChecks.Contains(check.Reason);

    /// <summary>The failures that count: without a cart, only the code's own checks.</summary>
    public IReadOnlyList<Rejection> Failures =>
        Verdict is null ? [] : [.. Verdict.Result.Errors.Where(e => !WithoutCart || !CartChecks.Contains(e.Reason))];

    /// <summary>The instant the purchase time named, as checked (null: blank, checked as of now).</summary>
    public DateTimeOffset? PurchaseInstant { get; init; }

    /// <summary>The location the form names, whose time zone the purchase time is read in.</summary>
    public Location? Location => Locations.Find(l => l.Key == Form.LocationKey);

    /// <summary>The item's name as the catalog has it, for the result's lines.</summary>
    public string? ItemName(string? key) => Items.Find(i => i.Key == key)?.Name;
}

[Route("diagnose"), Authorize(Policy = Policies.View)]
public sealed class DiagnoseController(
    CheckoutService checkout, CurrentLocation currentLocation, PromoAdmin.Domain.Catalog.CatalogService catalog, PromoAdmin.Domain.PromoCodes.SettingOptionsService options)
    : Controller
{
    /// <summary>The cart lines pick from this many catalog items.</summary>
    private const int DiagnoseItemOptions = 1000;

    public const int LineRows = 5;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? code, CancellationToken ct)
    {
        var current = await currentLocation.GetAsync(ct);
        var form = new DiagnoseForm { Code = code, LocationKey = current?.Key };
        return View(await ModelAsync(form, null, ct));
    }

    [HttpPost("")]
    public async Task<IActionResult> Check(DiagnoseForm form, [FromServices] LocationService locations, CancellationToken ct)
    {
        CheckoutVerdict? verdict = null;
        var location = (await currentLocation.AllAsync(ct)).Find(l => l.Key == form.LocationKey);
        var purchaseAt = PurchaseInstant(form.PurchaseAt, location);
        var withoutCart = form.Lines.TrueForAll(l => string.IsNullOrWhiteSpace(l.ItemKey));
        var request = new CheckoutRequest
        {
            Code = form.Code, LocationKey = form.LocationKey, Channel = form.Channel,
            Customer = string.IsNullOrWhiteSpace(form.CustomerKey) ? null : new CheckoutCustomer(form.CustomerKey, form.IsFirstOrder),
            PurchaseAt = purchaseAt, Shipping = form.Shipping,
            AppliedCodes = (form.AppliedCodes ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Lines = form.Lines.Select((l, i) => (l, i)).Where(x => !string.IsNullOrWhiteSpace(x.l.ItemKey))
                .Select(x => new CheckoutLine((x.i + 1).ToString(CultureInfo.InvariantCulture), x.l.ItemKey, x.l.UnitPrice, x.l.Quantity ?? 1, x.l.BookingDate, x.l.BookingStartTime))
                .ToList(),
        };
        try
        {
            // A location the user does not see does not exist for them (the checkout itself serves every location).
            await locations.IdOfAsync(form.LocationKey, ct: ct);
            if (ModelState[nameof(DiagnoseForm.PurchaseAt)] is not { Errors.Count: > 0 })
                verdict = await checkout.EvaluateAsync(request, ct: ct, withoutCart: withoutCart);
        }
        catch (DomainValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
                foreach (var m in messages) ModelState.AddModelError(field, m);
        }
        return View("Index", await ModelAsync(form, verdict, ct) with { WithoutCart = withoutCart, PurchaseInstant = verdict is null ? null : purchaseAt });
    }

    /// <summary>
    /// The purchase time as typed, read in the location's zone (docs/rules.md#times-and-money), as the instant the checkout
    /// evaluates; blank is now. A value that is no time, or a time the clocks skip there, is refused on the field.
    /// </summary>
    private DateTimeOffset? PurchaseInstant(string? typed, Location? location)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (!DateTime.TryParseExact(typed.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var wallClock))
        {
            ModelState.AddModelError(nameof(DiagnoseForm.PurchaseAt), "Enter the purchase time as a date and a time, such as 2026-12-07T14:05.");
            return null;
        }
        var zone = LocalTime.Zone(location?.TimeZone);
        if (LocalTime.FromLocal(wallClock, zone) is { } at) return at;
        ModelState.AddModelError(nameof(DiagnoseForm.PurchaseAt),
            $"{wallClock.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} does not exist in {zone.Id}: the clocks skip it (daylight saving time starts).");
        return null;
    }

    private async Task<DiagnoseModel> ModelAsync(DiagnoseForm form, CheckoutVerdict? verdict, CancellationToken ct)
    {
        while (form.Lines.Count < LineRows) form.Lines.Add(new DiagnoseLineForm());
        var items = await catalog.FirstItemsAsync(DiagnoseItemOptions, ct);
        return new DiagnoseModel(form, await currentLocation.AllAsync(ct), items, verdict, MoneyFormat.For(await options.CurrencyAsync(ct)));
    }
}
