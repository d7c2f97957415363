namespace Orchestrator.WebApi.Edge;

/// <summary>The two Content-Security-Policy values the API sends: one for JSON, one for the Swagger UI pages.</summary>
public static class ContentSecurityPolicies
{
    /// <summary>
    /// API responses are data, never documents: nothing may load, run, be framed or be submitted
    /// (OWASP REST Security Cheat Sheet).
    /// </summary>
    public const string Api = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// Swagger UI loads only its own scripts and styles from this origin (no inline script, no eval),
    /// draws its icons from data: URIs, and talks only to this origin (the OpenAPI document, /token and the API).
    /// </summary>
    public const string SwaggerUi = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>The path prefix under which Swagger UI and the OpenAPI document are served.</summary>
    public const string SwaggerPathPrefix = "/swagger";
}
