namespace Orchestrator.Application.Common.Security;

/// <summary>Any signed-in user may send this request (for example reading one's own profile).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresAuthenticationAttribute : Attribute;
