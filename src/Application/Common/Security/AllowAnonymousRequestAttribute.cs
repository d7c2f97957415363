namespace Orchestrator.Application.Common.Security;

/// <summary>The explicit opt-out: the request is served without a signed-in user (for example issuing a token).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;
