using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Common.Interfaces;

public sealed record IssuedAccessToken(string Token, int ExpiresInSeconds);

/// <summary>Signs access tokens (JWT, RFC 9068 profile).</summary>
public interface IAccessTokenIssuer
{
    IssuedAccessToken Issue(User user);
}
