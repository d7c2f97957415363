using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.WebApi.Errors;

/// <summary>
/// Writes a problem document through <see cref="IProblemDetailsService"/>, so that it is served as
/// application/problem+json whatever [Produces] an action declares.
/// </summary>
public sealed class ProblemDetailsResult(ProblemDetails problem) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var httpContext = context.HttpContext;
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        var service = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
