namespace Orchestrator.Application.Common.Security;

/// <summary>
/// The claims of the service's access tokens, by their JWT names: what the issuer writes, the bearer check and
/// the current user read.
/// </summary>
public static class AccessTokenClaims
{
    /// <summary>The user's id.</summary>
    public const string Subject = "sub";

    /// <summary>The user's role, by its wire name.</summary>
    public const string Role = "role";

    /// <summary>The token's own id: what the deny list holds.</summary>
    public const string TokenId = "jti";

    /// <summary>The user's token version when the token was issued; sessions ended later make it stale.</summary>
    public const string TokenVersion = "ver";

    /// <summary>
    /// How the session's login was authenticated (RFC 8176): <c>pwd</c>, plus <c>mfa</c> when a second factor was
    /// proved. Set at the login and kept by every refresh of it (decision 0022).
    /// </summary>
    public const string AuthenticationMethods = "amr";

    /// <summary>The <c>amr</c> value of a password.</summary>
    public const string PasswordMethod = "pwd";

    /// <summary>The <c>amr</c> value of a login that proved a second factor (a TOTP code or a recovery code).</summary>
    public const string MultiFactorMethod = "mfa";

    /// <summary>The OAuth client the token was issued to.</summary>
    public const string ClientId = "client_id";
}
