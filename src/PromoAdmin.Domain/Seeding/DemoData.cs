using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Customers;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Groups;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.Lookups;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Seeding;

/// <summary>The demo account behind <c>Seed:Demo</c>: realistic, deterministic, and added only once.</summary>
public static class DemoData
{
    public static async Task SeedAsync(PromoAdminDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Locations.AnyAsync(l => l.Key == "downtown", ct)) return;
        var now = clock.GetUtcNow();

        var downtown = new Location { Key = "downtown", Name = "Downtown Arena", TimeZone = "America/New_York", CreatedAt = now };
        var lakeside = new Location { Key = "lakeside", Name = "Lakeside Park", TimeZone = "America/Chicago", CreatedAt = now };
        var harbor = new Location { Key = "harbor", Name = "Harbor Point", TimeZone = "America/Los_Angeles", CreatedAt = now };
        db.Locations.AddRange(downtown, lakeside, harbor);

        string[] events = ["Escape Room: The Vault", "Escape Room: Lost Temple", "Laser Tag Arena", "Axe Throwing Lane", "VR Adventure",
            "Mini Golf Round", "Bowling Lane Hour", "Go-Kart Heat", "Climbing Wall Session", "Birthday Party Package", "Trivia Night"];
        string[] items = ["Souvenir T-Shirt", "Logo Hoodie", "Water Bottle", "Popcorn Bucket", "Nachos", "Soda Refill Cup", "Pizza Slice",
            "Arcade Card 50 Credits", "Photo Package", "Keychain", "Sticker Pack", "Snack Combo"];
        string[] giftCards = ["Gift Card $25", "Gift Card $50", "Gift Card $100", "Holiday Gift Card", "Birthday Gift Card", "Corporate Gift Card", "E-Gift Card"];
        var catalog = events.Select(n => Item(n, CatalogItemKind.Event))
            .Concat(items.Select(n => Item(n, CatalogItemKind.Item)))
            .Concat(giftCards.Select(n => Item(n, CatalogItemKind.GiftCard))).ToList();
        db.CatalogItems.AddRange(catalog);
        db.VariantTargetingGroups.Add(new VariantTargetingGroup { Key = "escape-rooms", Name = "Escape rooms", ItemKeys = ["escape-room-the-vault", "escape-room-lost-temple"] });

        string[] first = ["Ava", "Liam", "Olivia", "Noah", "Emma", "Elijah", "Sophia", "Mateo", "Isabella", "Lucas", "Mia", "Levi", "Amelia",
            "Asher", "Harper", "James", "Evelyn", "Leo", "Luna", "Grayson"];
        string[] last = ["Garcia", "Smith", "Johnson", "Nguyen", "Patel", "Brown", "Kim", "Lopez", "Walker"];
        var customers = new List<Customer>();
        for (var i = 0; i < 200; i++)
        {
            var f = first[i % first.Length];
            var l = last[i / first.Length % last.Length];
            customers.Add(new Customer
            {
                Key = $"cust-{i + 1:0000}", Name = $"{f} {l}", Email = $"{f.ToLowerInvariant()}.{l.ToLowerInvariant()}{i + 1}@example.com",
                Phone = $"+1-555-{100 + i / 100:000}-{1000 + i:0000}",
            });
        }
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(ct);

        db.Segments.AddRange(
            Segment("VIP members", customers.Where((_, i) => i % 10 == 0)),
            Segment("Lapsed customers", customers.Where((_, i) => i % 7 == 3)),
            Segment("Birthday club", customers.Take(25)));
        var summer = new Campaign { Name = "Summer 2026", BudgetMaxDiscount = 10_000m };
        var winBack = new Campaign { Name = "Win-back", BudgetMaxRedemptions = 500, BudgetMaxDiscount = 2_500m };
        var holiday = new Campaign { Name = "Holiday season" };
        db.Campaigns.AddRange(summer, holiday, winBack);
        db.Lookups.AddRange(
            new Lookup { Kind = LookupKind.OfferType, Name = "Discount" }, new Lookup { Kind = LookupKind.OfferType, Name = "Makegood" },
            new Lookup { Kind = LookupKind.OfferType, Name = "Loyalty reward" },
            new Lookup { Kind = LookupKind.PnlAllocation, Name = "Marketing" }, new Lookup { Kind = LookupKind.PnlAllocation, Name = "Customer service" },
            new Lookup { Kind = LookupKind.TransactionType, Name = "Sale" }, new Lookup { Kind = LookupKind.TransactionType, Name = "Comp" });
        var seasonal = new PromoCodeGroup
        {
            Name = "Seasonal", Description = "Seasonal campaigns", CreatedAt = now,
            DefaultsJson = """{"redemptionType":"percentage","valueType":"perLineItem","amount":15,"combinable":false}""",
        };
        var service = new PromoCodeGroup { Name = "Customer service", Description = "Makegoods and apologies", CreatedAt = now };
        db.PromoCodeGroups.AddRange(seasonal, service);
        await db.SaveChangesAsync(ct);

        // Every game, now and later: the built-in catalog group, resolved at checkout.
        List<string> allEvents = [PromoAdmin.Checkout.Carts.CatalogGroups.AllEvents];
        PromoCode[] codes =
        [
            Code(downtown, "SUMMER10", now, c =>
            {
                c.Description = "Summer sale: 10% off every line"; c.GroupId = seasonal.Id; c.Amount = 10; c.Display = "Summer sale: 10% off";
                c.CampaignId = summer.Id;
            }),
            Code(downtown, "WEEKEND5", now, c =>
            {
                c.Description = "$5 off weekend bookings"; c.RedemptionType = RedemptionType.Value; c.Amount = 5; c.ApplicableGroups = allEvents;
                c.DaysOfWeek = BookingDays.Sat | BookingDays.Sun; c.Inventory.Quantity = 100;
            }),
            Code(downtown, "MERCH20", now, c =>
            {
                c.Description = "Weekend merchandise sale: 20% off, arcade credits excluded"; c.Amount = 20; c.CampaignId = summer.Id;
                c.ApplicableGroups = [PromoAdmin.Checkout.Carts.CatalogGroups.AllItems]; c.ExcludedItems = ["arcade-card-50-credits"];
                c.PurchaseDaysOfWeek = BookingDays.Sat | BookingDays.Sun;
            }),
            Code(downtown, "HAPPYHOUR", now, c =>
            {
                c.Description = "15% off food and drinks, weekdays 16:00-18:00"; c.Amount = 15;
                c.ApplicableTo = ["popcorn-bucket", "nachos", "soda-refill-cup", "pizza-slice", "snack-combo"];
                c.PurchaseDaysOfWeek = BookingDays.Mon | BookingDays.Tue | BookingDays.Wed | BookingDays.Thu | BookingDays.Fri;
                c.PurchaseTimeStart = new TimeOnly(16, 0); c.PurchaseTimeEnd = new TimeOnly(18, 0);
            }),
            Code(lakeside, "COMEBACK10", now, c =>
            {
                c.Description = "Win-back: $10 off, up to 3 times a month per customer"; c.RedemptionType = RedemptionType.Value; c.Amount = 10;
                c.ValueType = ValueScope.PerTransaction; c.UsesPerCustomer = 3; c.UsesPerCustomerPeriod = UsagePeriod.Month; c.CampaignId = winBack.Id;
            }),
            Code(downtown, "GROUP6", now, c =>
            {
                c.Description = "10% off for groups of 6+"; c.Amount = 10; c.ApplicableGroups = allEvents;
                c.EligibilityRules = [new EligibilityRule { Type = EligibilityRuleType.MinimumQuantity, Minimum = 6 }];
            }),
            Code(downtown, "SORRY20", now, c =>
            {
                c.Description = "Customer service makegood"; c.GroupId = service.Id; c.RedemptionType = RedemptionType.Value; c.Amount = 20;
                c.ValueType = ValueScope.PerTransaction; c.InternalOnly = true; c.OneUsePerAccount = true;
            }),
            Code(lakeside, "EVERYWHERE15", now, c => { c.Description = "15% off at every location"; c.Amount = 15; c.AllLocations = true; c.Combinable = true; }),
            Code(harbor, "SPRING2026", now, c => { c.Description = "Last spring's sale"; c.Amount = 20; c.IsArchived = true; c.ArchivedAt = now; }),
        ];
        // Codes made three months ago, so that their redemptions fall within their life.
        foreach (var code in codes) code.CreatedAt = code.UpdatedAt = now.AddDays(-DemoActivity.Days - 5);
        db.PromoCodes.AddRange(codes);
        await db.SaveChangesAsync(ct);
        await DemoActivity.AddAsync(db, now, [downtown, lakeside, harbor], codes, customers, [summer, holiday, winBack], ct);
    }

    private static CatalogItem Item(string name, CatalogItemKind kind) =>
        new() { Key = Slug(name), Name = name, Kind = kind };

    private static Segment Segment(string name, IEnumerable<Customer> members) =>
        new() { Name = name, Members = members.Select(c => new SegmentMember { CustomerId = c.Id }).ToList() };

    private static PromoCode Code(Location location, string code, DateTimeOffset now, Action<PromoCode> set)
    {
        var c = new PromoCode
        {
            LocationId = location.Id, Code = code, NormalizedCode = PromoCode.Normalize(code), CreatedAt = now, UpdatedAt = now,
            RedemptionType = RedemptionType.Percentage, ValueType = ValueScope.PerLineItem, Inventory = new PromoCodeInventory(),
        };
        set(c);
        return c;
    }

    private static string Slug(string name)
    {
        var chars = name.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray();
        var s = new string(chars);
        while (s.Contains("--")) s = s.Replace("--", "-");
        return s.Trim('-');
    }
}
