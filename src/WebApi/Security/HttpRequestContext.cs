using System.Diagnostics;
using Orchestrator.Application.Common.Auditing;

namespace Orchestrator.WebApi.Security;

/// <summary>The client address (after trusted-proxy forwarding) and the trace id of the current HTTP request.</summary>
public sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    public string? ClientIp => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? CorrelationId => Activity.Current?.TraceId.ToString() ?? accessor.HttpContext?.TraceIdentifier;
}
