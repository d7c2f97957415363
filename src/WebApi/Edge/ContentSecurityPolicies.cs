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
    /// Swagger UI loads only its own scripts and styles from this origin (no inline script, no eval, no
    /// 'unsafe-inline' style), draws its icons from data: URIs, and talks only to this origin (the OpenAPI
    /// document, /token and the API).
    /// </summary>
    public const string SwaggerUi = "default-src 'none'; script-src 'self'; style-src 'self' '" + SwaggerLogoStyleHash + "'; "
        + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'; object-src 'none'";

    // The one inline <style> Swagger UI renders: the fill colours inside its logo SVG
    // (".logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}", swagger-ui 5.34.1 in
    // Swashbuckle 11.0.1). Allowed by its hash rather than by 'unsafe-inline'; the browser test fails
    // with the new hash in its message if an upgrade changes it.
    private const string SwaggerLogoStyleHash = "sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=";

    /// <summary>The path prefix under which Swagger UI and the OpenAPI document are served.</summary>
    public const string SwaggerPathPrefix = "/swagger";
}
