using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Security;
using Orchestrator.Infrastructure.Security;

namespace Orchestrator.WebApi.Security;

/// <summary>
/// JWT bearer authentication of the service's own access tokens: validated with the signing keys of
/// <see cref="SigningKeyProvider"/>, through the token validation cache (<c>Jwt:ValidationCache</c>, decision 0014),
/// then checked for revocation by <see cref="BearerTokenRevocationCheck"/>.
/// </summary>
public static class JwtBearerSetup
{
    public static IServiceCollection AddJwtBearerAuthentication(this IServiceCollection services)
    {
        services.AddOptions<TokenValidationCacheOptions>()
            .BindConfiguration(TokenValidationCacheOptions.SectionName)
            .Validate(
                o => o.Capacity is >= 1 and <= TokenValidationCacheOptions.MaxCapacity,
                $"{TokenValidationCacheOptions.SectionName}:Capacity must be between 1 and {TokenValidationCacheOptions.MaxCapacity}.")
            .ValidateOnStart();

        // One instance for every request: the events hold nothing of a request.
        services.AddSingleton<BearerTokenRevocationCheck>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<JwtOptions>, IOptions<TokenValidationCacheOptions>>((options, keys, jwtOptions, cacheOptions) =>
            {
                var settings = jwtOptions.Value;
                options.MapInboundClaims = false;

                // Nothing reads the raw token back from the authentication properties: no copy of it per request.
                options.SaveToken = false;
                options.EventsType = typeof(BearerTokenRevocationCheck);

                var cache = cacheOptions.Value;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(cache.Enabled
                    ? new CachingJsonWebTokenHandler(cache.Capacity) { MapInboundClaims = false }
                    : new JsonWebTokenHandler { MapInboundClaims = false });
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
                    NameClaimType = AccessTokenClaims.Subject,
                    RoleClaimType = AccessTokenClaims.Role,
                };
            });
        return services;
    }
}
