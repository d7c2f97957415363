using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// States, on both ways of sending a bearer token, what the tokens are and how they are checked (RFC 8725, JSON Web
/// Token Best Current Practices), and where the password flow's refresh grant goes.
/// </summary>
public sealed class SecuritySchemeDocumentFilter : IDocumentFilter
{
    private const string JwtChecks = " Access tokens are JWTs checked as RFC8725 recommends: one algorithm "
        + "allowed (HS256, keys of at least 256 bits), explicit typing (`typ: at+jwt`), issuer, audience, signature and "
        + "lifetime always validated. They live minutes (`expires_in`); `grant_type=refresh_token` at /token renews them "
        + "with the refresh token, which is rotated on each use.";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        if (document.Components?.SecuritySchemes is not { } schemes)
        {
            return;
        }

        foreach (var name in new[] { SwaggerConfiguration.SecuritySchemeName, SwaggerConfiguration.BearerSchemeName })
        {
            if (!schemes.TryGetValue(name, out var found) || found is not OpenApiSecurityScheme scheme)
            {
                continue;
            }

            scheme.Description += JwtChecks;
            if (scheme.Flows?.Password is { } password)
            {
                password.RefreshUrl = password.TokenUrl;
            }
        }
    }
}
