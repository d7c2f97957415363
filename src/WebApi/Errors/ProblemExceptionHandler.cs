using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Domain.Resources;

namespace Orchestrator.WebApi.Errors;

/// <summary>
/// The one place where exceptions become problem+json. A small, closed set of exceptions maps to 4xx;
/// anything else is a 500 that carries only a trace id (the details go to the log).
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problemDetails,
    IDatabaseBusySignal databaseBusy,
    ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested && (exception is OperationCanceledException || databaseBusy.IsInterrupted(exception)))
        {
            // The client went away (and its query was stopped); there is nobody to answer.
            return true;
        }

        var problem = databaseBusy.IsBusy(exception) ? DatabaseBusy(httpContext) : ToProblem(httpContext, exception);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception; answered 500");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Answered 503: {Reason}", exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }))
        {
            return true;
        }

        // The framework's writer declines when the Accept header names no JSON type (an MVC action's writer
        // never does). problem+json is the only error format there is, so the client still gets one rather
        // than an empty 500. (The result fills in the type link for the status, as the writer does.)
        problem.Extensions.TryAdd("traceId", ProblemTrace.IdOf(httpContext));
        await Results.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    private static ProblemDetails ToProblem(HttpContext httpContext, Exception exception)
    {
        switch (exception)
        {
            case RequestValidationException validation:
                return new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Type = ProblemTypes.ValidationFailed,
                    Title = "One or more fields are invalid.",
                    Detail = "See 'errors' for the problem with each field.",
                };
            case UnauthenticatedException:
                httpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return Problem(StatusCodes.Status401Unauthorized, "Authentication is required.", exception.Message);
            case ForbiddenException:
                return Problem(StatusCodes.Status403Forbidden, "Forbidden.", exception.Message);
            case NotFoundException:
                return Problem(StatusCodes.Status404NotFound, "Not found.", exception.Message);
            case ConflictException:
                return Problem(StatusCodes.Status409Conflict, "Conflict.", exception.Message, ProblemTypes.Conflict);
            case DeletionProtectedException:
                return Problem(StatusCodes.Status409Conflict, "Deletion protection is on.", exception.Message, ProblemTypes.DeletionProtected);
            case PreconditionFailedException:
                return Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed.", exception.Message, ProblemTypes.PreconditionFailed);
            case PreconditionRequiredException:
                return Problem(StatusCodes.Status428PreconditionRequired, "Precondition required.", exception.Message, ProblemTypes.PreconditionRequired);
            case GuardrailViolationException guardrails:
                var guardrailProblem = Problem(StatusCodes.Status422UnprocessableEntity, "Guardrail violation.", guardrails.Message, ProblemTypes.GuardrailViolation);
                guardrailProblem.Extensions["violations"] = guardrails.Violations.Select(v => new GuardrailViolation(v.Rule, v.Message)).ToList();
                return guardrailProblem;
            case IdempotencyKeyReusedException:
                return Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused.", exception.Message, ProblemTypes.IdempotencyKeyReused);
            case PlacementMissingException:
                return Problem(StatusCodes.Status422UnprocessableEntity, "No network placement.", exception.Message, ProblemTypes.PlacementMissing);
            case QuotaExceededException quota:
                if (quota.RetryAfter is { } retryAfter)
                {
                    httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var quotaProblem = Problem(StatusCodes.Status429TooManyRequests, "Quota exceeded.", quota.Message, ProblemTypes.QuotaExceeded);
                quotaProblem.Extensions["quota"] = quota.QuotaName;
                return quotaProblem;
            case SecretStoreUnavailableException:
                // The details (secret name, AWS error code) go to the log, not to the client.
                return Problem(StatusCodes.Status503ServiceUnavailable, "Secret store unavailable.", "The secret store could not be reached; try again later.");
            case LimiterStoreUnavailableException:
                // Quotas fail closed: nothing was created, and the client may retry shortly.
                httpContext.Response.Headers.RetryAfter = ((int)LimiterStoreUnavailableException.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status503ServiceUnavailable, "Limits unavailable.", "Quotas cannot be checked right now, so nothing was created; retry later.", ProblemTypes.LimitsUnavailable);
            case BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } unsupported:
                // Raised by the body reader with a message written for clients.
                return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", unsupported.Message);
            case BadHttpRequestException badRequest:
                return badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large.", badRequest.Message)
                    : Problem(badRequest.StatusCode, "Bad request.", "The request could not be read.");
            default:
                return Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "Quote the traceId when reporting this.");
        }
    }

    /// <summary>The write was rolled back by the database itself, so a retry is safe.</summary>
    private static ProblemDetails DatabaseBusy(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = "1";
        return Problem(
            StatusCodes.Status503ServiceUnavailable,
            "Database busy.",
            "The database was too busy to take this change, so nothing was changed; retry in a moment.",
            ProblemTypes.DatabaseBusy);
    }

    private static ProblemDetails Problem(int status, string title, string detail, string? type = null) =>
        new() { Status = status, Title = title, Detail = detail, Type = type };
}
