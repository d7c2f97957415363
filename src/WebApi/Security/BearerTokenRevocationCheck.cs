using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orchestrator.Application.Common.Admission;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.WebApi.Security;

/// <summary>
/// The JWT bearer events: a valid signature is not enough; a revoked token, or one issued before its user's
/// sessions were ended, fails authentication.
/// </summary>
/// <remarks>
/// The answer the request admission prefetched (<see cref="PrefetchedRevocation"/>, from the token read before it
/// was validated) is used only when it was for exactly the validated token's <c>jti</c>, <c>sub</c> and
/// <c>ver</c>; otherwise the revocation store is asked.
/// </remarks>
public sealed class BearerTokenRevocationCheck(ITokenRevocationStore store) : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var jti = principal.FindFirst(AccessTokenClaims.TokenId)?.Value;
        if (string.IsNullOrEmpty(jti)
            || !Guid.TryParse(principal.FindFirst(AccessTokenClaims.Subject)?.Value, out var userId)
            || !int.TryParse(principal.FindFirst(AccessTokenClaims.TokenVersion)?.Value, CultureInfo.InvariantCulture, out var version))
        {
            context.Fail("The token lacks jti, sub or ver.");
            return;
        }

        var prefetched = context.HttpContext.Features.Get<PrefetchedRevocation>();
        var revoked = prefetched is not null && prefetched.IsFor(jti, userId, version)
            ? prefetched.Revoked
            : await store.IsRevokedAsync(jti, userId, version, context.HttpContext.RequestAborted);
        if (revoked)
        {
            context.Fail("The token was revoked.");
        }
    }
}
