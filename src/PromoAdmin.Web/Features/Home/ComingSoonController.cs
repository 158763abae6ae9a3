using Microsoft.AspNetCore.Mvc;

namespace PromoAdmin.Web.Features.Home;

/// <summary>Navigation entries whose screens arrive in later issues say so instead of showing fake data.</summary>
public sealed class ComingSoonController : Controller
{
    private ViewResult Show(string nav, string heading, string plan)
    {
        ViewData["Nav"] = nav;
        ViewData["Heading"] = heading;
        ViewData["Plan"] = plan;
        return View("ComingSoon");
    }
}
