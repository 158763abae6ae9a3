using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PromoAdmin.Domain.Common;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>
/// What every admin API controller shares: the API key, no antiforgery (no cookies). The domain's exceptions become
/// problem+json in <see cref="ExceptionAnswer"/>, like every other failure.
/// </summary>
[ApiController]
[Authorize(Policy = Policies.ApiAdmin)]
[IgnoreAntiforgeryToken]
[Produces("application/json")]
public abstract class AdminApiController : ControllerBase;

public static class ModelStateExtensions
{
    /// <summary>Puts the domain's field errors on a form's model state; <paramref name="prefix"/> is the form model's property path.</summary>
    public static void AddDomainErrors(this ModelStateDictionary state, DomainValidationException ex, string prefix = "")
    {
        foreach (var (field, messages) in ex.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? Pascal(field) : prefix + "." + Pascal(field);
            foreach (var m in messages) state.AddModelError(key, m);
        }
    }

    private static string Pascal(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
}
