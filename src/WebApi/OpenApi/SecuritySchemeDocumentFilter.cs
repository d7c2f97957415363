using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// States what the bearer tokens are and how they are checked (RFC 8725, JSON Web Token Best Current Practices),
/// and where the password flow's refresh grant goes.
/// </summary>
public sealed class SecuritySchemeDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        if (document.Components?.SecuritySchemes is not { } schemes
            || !schemes.TryGetValue(SwaggerConfiguration.SecuritySchemeName, out var found) || found is not OpenApiSecurityScheme scheme)
        {
            return;
        }

        scheme.Description = $"{scheme.Description} Access tokens are JWTs checked as RFC8725 recommends: one algorithm "
            + "allowed (HS256, keys of at least 256 bits), explicit typing (`typ: at+jwt`), issuer, audience, signature and "
            + "lifetime always validated. They live minutes (`expires_in`); `grant_type=refresh_token` at /token renews them "
            + "with the refresh token, which is rotated on each use.";
        if (scheme.Flows?.Password is { } password)
        {
            password.RefreshUrl = password.TokenUrl;
        }
    }
}
