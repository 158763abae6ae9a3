using Microsoft.AspNetCore.Mvc;

namespace PromoAdmin.Web.Features.Home;

/// <summary>Navigation entries whose screens arrive in later issues say so instead of showing fake data.</summary>
public sealed class ComingSoonController : Controller
{
    [HttpGet("/promo-codes")]
    public IActionResult PromoCodes() => Show("PromoCodes", "Promo codes", "The promo codes page (tabs, filters, create and edit) arrives with issue #4.");

    [HttpGet("/promo-code-groups")]
    public IActionResult Groups() => Show("Groups", "Promo code groups", "Groups arrive with the promo codes page (issue #4).");

    [HttpGet("/batches")]
    public IActionResult Batches() => Show("Batches", "Promo code batches", "Batch generation arrives with issue #6.");

    [HttpGet("/diagnose")]
    public IActionResult Diagnose() => Show("Diagnose", "Why isn't my code applying?", "The diagnose page arrives with checkout evaluation (issue #5).");

    private ViewResult Show(string nav, string heading, string plan)
    {
        ViewData["Nav"] = nav;
        ViewData["Heading"] = heading;
        ViewData["Plan"] = plan;
        return View("ComingSoon");
    }
}
