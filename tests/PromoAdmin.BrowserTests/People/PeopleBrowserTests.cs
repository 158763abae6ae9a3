using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PromoAdmin.BrowserTests.People;

/// <summary>An admin adds a customer-service colleague for one location; the colleague's first sign-in and their limits.</summary>
public sealed class PeopleBrowserTests(BrowserFixture browser) : BrowserTest
{
    [Fact]
    public async Task An_admin_adds_a_colleague_who_changes_the_temporary_password_and_works_within_the_limits()
    {
        var tag = TestData.NewTag();
        var (mine, other) = ($"pier-{tag}", $"mall-{tag}");
        await using (var scope = browser.App.Db())
        {
            scope.Context.Locations.AddRange(
                new() { Key = mine, Name = "Pier " + tag, TimeZone = "America/New_York" },
                new() { Key = other, Name = "Mall " + tag, TimeZone = "America/Chicago" });
            await scope.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var email = $"sam-{tag}@test.promoadmin";
        var admin = await browser.NewPageAsync();
        await browser.SignInAsync(admin);
        var nav = admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Create user" }).ClickAsync();
        await admin.GetByLabel("Email").FillAsync(email);
        await admin.GetByLabel("Display name").FillAsync("Sam Service");
        await admin.GetByLabel("Role").SelectOptionAsync("CustomerService");
        await admin.GetByLabel("All locations").UncheckAsync();
        await admin.GetByRole(AriaRole.Group, new() { Name = "Or only these locations" }).GetByLabel("Pier " + tag).CheckAsync();
        await BrowserFixture.ScreenshotAsync(admin, "people-01-create-user");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var temporary = (await admin.GetByTestId("temporary-password").TextContentAsync())!.Trim();
        Assert.True(temporary.Length >= 16, temporary);
        await BrowserFixture.ScreenshotAsync(admin, "people-02-temporary-password");

        var sam = await browser.NewPageAsync();
        await browser.SignInAsync(sam, email, temporary);
        await Expect(sam).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password"));
        await sam.Locator("#CurrentPassword").FillAsync(temporary);
        await sam.Locator("#NewPassword").FillAsync("Sam-new-pass-2026!");
        await sam.Locator("#ConfirmPassword").FillAsync("Sam-new-pass-2026!");
        await BrowserFixture.ScreenshotAsync(sam, "people-03-first-password");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        // Customer service: no reference data in the menu, Diagnose there; one location in the switcher.
        var samNav = sam.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(samNav).ToContainTextAsync("Diagnose");
        await Expect(samNav).Not.ToContainTextAsync("Catalog");
        await Expect(samNav).Not.ToContainTextAsync("Users");
        Assert.Equal([mine], await sam.GetByLabel("Location", new() { Exact = true }).Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await BrowserFixture.ScreenshotAsync(sam, "people-04-customer-service-dashboard");

        await samNav.GetByRole(AriaRole.Link, new() { Name = "Batches" }).ClickAsync();
        await sam.GetByRole(AriaRole.Link, new() { Name = "Generate Batch" }).ClickAsync();
        await sam.Locator("[name='Name']").FillAsync("Sorry " + tag);
        await sam.GetByRole(AriaRole.Spinbutton, new() { Name = "Number of Codes" }).FillAsync("10");
        await sam.Locator("[name='Settings.Amount']").FillAsync("100");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Generate Batch" }).ClickAsync();
        await Expect(sam.Locator("[data-valmsg-for='Settings.Amount']")).ToContainTextAsync("at most 25% off");
        await BrowserFixture.ScreenshotAsync(sam, "people-05-over-the-limit");

        // The admin finds the new user in the list, with the location.
        await admin.GotoAsync($"/users?search={tag}");
        await Expect(admin.Locator("main table")).ToContainTextAsync("Sam Service");
        await BrowserFixture.ScreenshotAsync(admin, "people-06-users-list");

        // The trail: the admin's create of the user, Sam's password change and sign-ins, Sam's refused batch left no entry.
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await admin.GotoAsync($"/audit?text={tag}");
        var trail = admin.Locator("main table");
        await Expect(trail).ToContainTextAsync("create");
        await Expect(trail).ToContainTextAsync("changePassword");
        await Expect(trail).Not.ToContainTextAsync("Sorry " + tag);
        await BrowserFixture.ScreenshotAsync(admin, "people-07-audit-trail");
    }
}
