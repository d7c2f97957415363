using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Security;
using Orchestrator.WebApi.Endpoints;
using Orchestrator.WebApi.Errors;
using Orchestrator.WebApi.OpenApi;
using Orchestrator.WebApi.Security;

namespace Orchestrator.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IRequestContext, HttpRequestContext>();

        // Endpoints write JSON with these settings; bodies are read with them too (Requests/JsonBodyReader).
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.AddSingleton<EndpointInventory>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", ProblemTrace.IdOf(context.HttpContext)));
        services.AddExceptionHandler<ProblemExceptionHandler>();

        AddJwtBearer(services);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddOrchestratorSwagger();
        return services;
    }

    /// <summary>A valid signature is not enough: a revoked token, or one issued before its user's sessions were ended, fails.</summary>
    private static async Task RefuseRevokedTokensAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var jti = principal.FindFirst("jti")?.Value;
        if (string.IsNullOrEmpty(jti)
            || !Guid.TryParse(principal.FindFirst("sub")?.Value, out var userId)
            || !int.TryParse(principal.FindFirst(JwtAccessTokenIssuer.TokenVersionClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            context.Fail("The token lacks jti, sub or ver.");
            return;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<ITokenRevocationStore>();
        if (await RevocationLookahead.IsRevokedAsync(context.HttpContext, store, jti, userId, version))
        {
            context.Fail("The token was revoked.");
        }
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        // No mass assignment: a property the contract does not define is an error, not silently dropped.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.AllowDuplicateProperties = false;
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.DictionaryKeyPolicy = null;
    }

    private static void AddJwtBearer(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<JwtOptions>>((options, keys, jwtOptions) =>
            {
                var settings = jwtOptions.Value;
                options.MapInboundClaims = false;

                // Nothing reads the raw token back from the authentication properties: no copy of it per request.
                options.SaveToken = false;
                options.Events = new JwtBearerEvents { OnTokenValidated = RefuseRevokedTokensAsync };

                // Validating a token costs more than the rest of authentication: one found valid is remembered
                // for as long as validating it again would say the same (decision 0014).
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new RememberingJsonWebTokenHandler { MapInboundClaims = false });
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    // The key a token's kid names: the current key, or the previous one until its tokens expire.
                    IssuerSigningKeyResolver = (_, _, keyId, _) => keys.ResolveValidationKeys(keyId),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidTypes = [JwtOptions.AccessTokenType],
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                };
            });
    }
}
