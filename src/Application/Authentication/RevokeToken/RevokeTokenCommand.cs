using Mediator;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.Application.Authentication.RevokeToken;

/// <summary>RFC 7009 revocation by a public client: always succeeds, whether or not the token was known.</summary>
[AllowAnonymousRequest]
public sealed record RevokeTokenCommand(string? Token, string? TokenTypeHint) : ICommand<Unit>;
