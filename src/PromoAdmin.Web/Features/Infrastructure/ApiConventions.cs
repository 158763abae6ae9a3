using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PromoAdmin.Domain.Common;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>What every admin API controller shares: the route prefix's conventions, the API key, no antiforgery (no cookies).</summary>
[ApiController]
[Authorize(Policy = Policies.ApiAdmin)]
[IgnoreAntiforgeryToken]
[Produces("application/json")]
[TypeFilter(typeof(DomainExceptionFilter))]
public abstract class AdminApiController : ControllerBase;

/// <summary>Maps the domain's exceptions to problem+json: 400 with field errors, 403, 404.</summary>
public sealed class DomainExceptionFilter(ProblemDetailsFactory problems) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var http = context.HttpContext;
        ObjectResult? result = context.Exception switch
        {
            DomainValidationException v => new BadRequestObjectResult(problems.CreateValidationProblemDetails(http, ToModelState(v), 400)),
            NotFoundException n => new NotFoundObjectResult(problems.CreateProblemDetails(http, 404, "Not found", detail: n.Message)),
            ForbiddenActionException f => new ObjectResult(problems.CreateProblemDetails(http, 403, "Forbidden", detail: f.Message)) { StatusCode = 403 },
            _ => null,
        };
        if (result is null) return;
        result.ContentTypes.Add("application/problem+json");
        context.Result = result;
        context.ExceptionHandled = true;
    }

    private static ModelStateDictionary ToModelState(DomainValidationException v)
    {
        var state = new ModelStateDictionary();
        foreach (var (field, messages) in v.Errors)
            foreach (var m in messages) state.AddModelError(field, m);
        return state;
    }
}

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
