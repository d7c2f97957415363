using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.WebApi.Errors;

/// <summary>
/// Writes a problem document as application/problem+json with its runtime type (so a validation
/// problem keeps its <c>errors</c>), whatever [Produces] an action declares.
/// </summary>
public sealed class ProblemDetailsResult(ProblemDetails problem) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        problem.Extensions.TryAdd("traceId", ProblemTrace.IdOf(context.HttpContext));
        return response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
    }
}
