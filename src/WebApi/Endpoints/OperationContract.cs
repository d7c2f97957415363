using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Guardrails;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// What an endpoint promises, derived in this one place from the request it sends (its access declaration and
/// marker interfaces, whether a validator exists) and from what the edge does (a body, a route id): who may call it
/// (<see cref="Access"/>, the OpenAPI <c>x-permission</c>) and every error answer it can give. Computed once, when
/// the endpoint is built, and kept in its metadata for the OpenAPI filters and the <see cref="EndpointInventory"/>.
/// <see cref="AdminsNeedMfa"/> is what the admin MFA check reads (decision 0022).
/// </summary>
public sealed record OperationContract(Type RequestType, string Access, IReadOnlyList<OperationError> Errors, bool AdminsNeedMfa)
{
    public const string Anonymous = "anonymous";
    public const string Authenticated = "authenticated";

    public bool IsAnonymous => Access == Anonymous;

    public static OperationContract Derive(Type requestType, RoutePattern? route, IEnumerable<object> metadata, IServiceProviderIsService services)
    {
        var access = AccessOf(requestType);
        var bodyTypes = metadata.OfType<IAcceptsMetadata>().SelectMany(accepts => accepts.ContentTypes).ToList();
        var form = metadata.OfType<FormBodyMetadata>().Any();
        var json = bodyTypes.Count > 0;
        var resource = typeof(IResourceRequest).IsAssignableFrom(requestType);
        var idempotent = typeof(IIdempotentRequest).IsAssignableFrom(requestType);
        var quota = typeof(IQuotaRequest).IsAssignableFrom(requestType);
        var guarded = typeof(IGuardrailRequest).IsAssignableFrom(requestType);
        var validated = services.IsService(typeof(IValidator<>).MakeGenericType(requestType));
        var adminsNeedMfa = access != Anonymous && !metadata.OfType<UsableBeforeMfaEnrolmentMetadata>().Any();

        var errors = new List<OperationError>();
        if (form)
        {
            errors.Add(new(400, "RFC 6749 `invalid_request` (a form that cannot be read, a repeated field) or the grant's own error.", OperationErrorShape.TokenError));
        }
        else if (validated || json)
        {
            errors.Add(new(400, "A field is invalid or the body cannot be read; `errors` names each field by its JSON path.", OperationErrorShape.ValidationProblem));
        }

        if (access != Anonymous)
        {
            errors.Add(new(401, "No valid bearer token (answer carries `WWW-Authenticate: Bearer`).", OperationErrorShape.Problem));
        }

        var denied = requestType.IsDefined(typeof(RequiresPermissionAttribute), inherit: false) || resource
            ? "Your role lacks the permission, or the resource's policy denies the action."
            : null;
        if (adminsNeedMfa)
        {
            denied = (denied is null ? string.Empty : denied + " Also ")
                + "`mfa-enrolment-required`: you are an admin who has not signed in with MFA (`Security:RequireMfaForAdmins`); "
                + "enrol under `/api/v1/me/mfa/totp`, then sign in again with `otp`.";
        }

        if (denied is not null)
        {
            errors.Add(new(403, denied, OperationErrorShape.Problem));
        }

        if (resource || route?.Parameters.Count > 0)
        {
            errors.Add(new(404, "Nothing with this id, or nothing you may read.", OperationErrorShape.Problem));
        }
        else if (idempotent)
        {
            errors.Add(new(404, "The `Idempotency-Key`'s first answer is a resource you may no longer read.", OperationErrorShape.Problem));
        }

        var stateConflict = requestType.GetCustomAttribute<StateConflictAttribute>()?.Description;
        if (idempotent)
        {
            errors.Add(new(409, "A request with the same `Idempotency-Key` is still being answered; retry it.", OperationErrorShape.Problem));
        }
        else if (typeof(IOptimisticChange).IsAssignableFrom(requestType))
        {
            errors.Add(new(409, (stateConflict is null ? string.Empty : stateConflict + " Or: ")
                + "other requests changed the same thing at the same time, again and again; read it again and retry.", OperationErrorShape.Problem));
        }

        if (requestType.GetProperty("IfMatch", BindingFlags.Public | BindingFlags.Instance) is not null)
        {
            errors.Add(new(412, "`If-Match` names a version that is no longer current.", OperationErrorShape.Problem));
        }

        if (typeof(IIfMatchRequired).IsAssignableFrom(requestType))
        {
            errors.Add(new(428, "`If-Match` is missing: send the ETag of the version the change is made from (`precondition-required`).", OperationErrorShape.Problem));
        }

        if (form || json)
        {
            errors.Add(new(413, "The body is over 64 KiB (announced or chunked).", OperationErrorShape.Problem));
            errors.Add(new(415, form
                ? "The body is not `application/x-www-form-urlencoded` (RFC 6749 `invalid_request`)."
                : "The body is not JSON, or its declared charset does not decode.", form ? OperationErrorShape.TokenError : OperationErrorShape.Problem));
        }

        if (guarded)
        {
            errors.Add(new(422, "`guardrail-violation`: the resource breaks guardrail rules with effect `deny`; `violations` lists every one with its description. "
                + "Also `idempotency-key-reused` (the key was used before with a different body) and `placement-missing` (no network placement for that type and region, `Aws` provider).",
                OperationErrorShape.GuardrailViolation));
        }
        else if (idempotent)
        {
            errors.Add(new(422, quota
                ? "The `Idempotency-Key` was used before with a different body, or no network placement is configured for that type and region (`placement-missing`, `Aws` provider)."
                : "The `Idempotency-Key` was used before with a different body.", OperationErrorShape.Problem));
        }

        errors.Add(new(429, quota
            ? "Too many requests from this client address (see `Retry-After`), or your quota for this resource type is used up (`quota-exceeded`)."
            : "Too many requests from this client address; see `Retry-After`.", OperationErrorShape.Problem));
        errors.Add(new(500, "Unexpected failure; the problem carries only a `traceId` to quote.", OperationErrorShape.Problem));
        errors.Add(new(503, quota
            ? "Quotas cannot be checked right now, or the database was too busy to take the change: nothing was created; see `Retry-After`."
            : "The database was too busy to answer in time (`database-busy`): nothing was changed; see `Retry-After`.", OperationErrorShape.Problem));

        return new OperationContract(requestType, access, errors, adminsNeedMfa);
    }

    /// <summary>The request's one access declaration; a request without one is refused here rather than documented as open.</summary>
    private static string AccessOf(Type requestType)
    {
        if (requestType.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null)
        {
            return Anonymous;
        }

        if (requestType.GetCustomAttribute<RequiresPermissionAttribute>() is { } permission)
        {
            return permission.Permission.ToString().ToLowerInvariant();
        }

        return requestType.GetCustomAttribute<RequiresAuthenticationAttribute>() is not null
            ? Authenticated
            : throw new InvalidOperationException($"{requestType.Name} declares no access ([RequiresPermission], [RequiresAuthentication] or [AllowAnonymousRequest]).");
    }
}
