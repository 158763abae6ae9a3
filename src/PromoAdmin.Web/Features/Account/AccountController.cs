using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Users;
using PromoAdmin.Web.Features.Infrastructure;

namespace PromoAdmin.Web.Features.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter a valid email address."), Display(Name = "Email")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password."), DataType(DataType.Password), Display(Name = "Password")]
    public string? Password { get; set; }

    [Display(Name = "Keep me signed in")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordForm
{
    [DataType(DataType.Password), Display(Name = "Current password")]
    public string? CurrentPassword { get; set; }

    [DataType(DataType.Password), Display(Name = "New password")]
    public string? NewPassword { get; set; }

    [DataType(DataType.Password), Display(Name = "New password again")]
    public string? ConfirmPassword { get; set; }

    public string? ReturnUrl { get; set; }
}

[Route("account")]
public sealed class AccountController(SignInManager<AppUser> signIn, UserManager<AppUser> users, UserService people) : Controller
{
    // A hash to check an unknown email's password against, so that it takes as long as a known email's wrong password
    // and the answer's timing does not tell which emails have accounts.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    [AllowAnonymous, HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous, HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (!ModelState.IsValid) return View(form);
        var user = await users.FindByEmailAsync(form.Email!);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null || !user.IsActive)
        {
            // A deactivated account is refused like a wrong password, after a check that costs as much (docs/rules.md#users).
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, form.Password!);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, form.Password!, form.RememberMe, lockoutOnFailure: true);
        }
        await people.RecordSignInAsync(form.Email!, user,
            result.Succeeded ? AuditActions.SignIn : result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, HttpContext.RequestAborted);
        var returnUrl = Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/";
        if (result.Succeeded && user!.MustChangePassword)
            return RedirectToAction(nameof(ChangePassword), new { returnUrl });
        if (result.Succeeded)
            return LocalRedirect(returnUrl);
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "This account is locked after too many failed sign-ins. Try again in 15 minutes or ask an admin."
            : "Email or password is incorrect.");
        return View(form);
    }

    [HttpGet("password")]
    public IActionResult ChangePassword(string? returnUrl) => View(new ChangePasswordForm { ReturnUrl = returnUrl });

    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        try
        {
            if (form.NewPassword != form.ConfirmPassword)
                throw new DomainValidationException("confirmPassword", "The two new passwords differ.");
            var thisSession = User.FindFirst(SessionTicketStore.SessionClaim)?.Value;
            await people.ChangeOwnPasswordAsync(user.Id, form.CurrentPassword, form.NewPassword, thisSession, ct);
        }
        catch (DomainValidationException ex)
        {
            ModelState.AddDomainErrors(ex);
            return View(form);
        }
        // A fresh session from the saved user: without the forced change, and with the new security stamp.
        await signIn.RefreshSignInAsync((await users.FindByIdAsync(user.Id))!);
        TempData["Success"] = "Your password was changed.";
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutUser()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }
}
