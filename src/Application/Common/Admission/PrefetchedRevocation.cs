namespace Orchestrator.Application.Common.Admission;

/// <summary>
/// The revocation answer for the token a request carried, looked up before the token was validated. It stands
/// only for a validated token with exactly this <c>jti</c>, <c>sub</c> and <c>ver</c>.
/// </summary>
public sealed class PrefetchedRevocation(TokenRevocationKey token, bool revoked)
{
    public TokenRevocationKey Token => token;

    public bool Revoked => revoked;

    public bool IsFor(string jti, Guid userId, int tokenVersion) =>
        token.UserId == userId && token.TokenVersion == tokenVersion && string.Equals(token.Jti, jti, StringComparison.Ordinal);
}
