using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>An example problem document for each error status, so Swagger UI shows a 401 as a 401 rather than one shared example.</summary>
public static class ProblemExamples
{
    // The type links ASP.NET Core's problem details service uses for these statuses.
    private static readonly Dictionary<int, string> Types = new()
    {
        [401] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [403] = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [409] = "urn:orchestrator:problem:conflict",
        [412] = "urn:orchestrator:problem:precondition-failed",
        [428] = "urn:orchestrator:problem:precondition-required",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [415] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [422] = "urn:orchestrator:problem:idempotency-key-reused",
        [429] = "https://tools.ietf.org/html/rfc6585#section-4",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    public static JsonObject GuardrailViolation() => new()
    {
        ["type"] = "urn:orchestrator:problem:guardrail-violation",
        ["title"] = "Guardrail violation.",
        ["status"] = 422,
        ["detail"] = "The request breaks 2 guardrail rules: required-tags, rds-in-eu-only.",
        ["violations"] = new JsonArray(
            new JsonObject { ["rule"] = "required-tags", ["message"] = "Every resource carries an env tag (dev, test or prod) and an owner tag." },
            new JsonObject { ["rule"] = "rds-in-eu-only", ["message"] = "Databases are created in EU regions only." }),
        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
    };

    public static JsonObject For(int status, string detail) => new()
    {
        ["type"] = Types.GetValueOrDefault(status, "about:blank"),
        ["title"] = ReasonPhrases.GetReasonPhrase(status),
        ["status"] = status,
        ["detail"] = detail,
        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
    };
}
