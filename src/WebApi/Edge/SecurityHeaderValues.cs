namespace Orchestrator.WebApi.Edge;

/// <summary>The security headers' values, shared by the middleware and by the answers Kestrel writes itself.</summary>
public static class SecurityHeaderValues
{
    public const string ContentTypeOptions = "nosniff";

    public const string FrameOptions = "DENY";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    // OWASP: the legacy XSS auditor is itself exploitable; "0" switches it off.
    public const string XssProtection = "0";

    public const string ReferrerPolicy = "no-referrer";

    public const string NoStore = "no-store";
}
