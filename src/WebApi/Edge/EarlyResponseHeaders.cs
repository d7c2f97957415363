using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orchestrator.WebApi.Edge;

/// <summary>
/// Kestrel answers a request it cannot parse (bad request line 400, request line too long 414, headers too
/// large 431) itself, before any middleware runs, and offers no way to add headers to those answers. This
/// connection middleware adds the security headers to them (decision 17).
/// </summary>
public static class EarlyResponseHeaders
{
    /// <summary>
    /// For each endpoint. It must see plain HTTP/1.1: on an endpoint where Kestrel itself terminates TLS it would
    /// be added outside <c>UseHttps</c>, see only ciphertext and change nothing (decision 17).
    /// </summary>
    public static void UseSecurityHeadersOnEarlyResponses(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Transport = new Transport(connection.Transport.Input, new EarlyResponseHeaderWriter(connection.Transport.Output));
            return next(connection);
        });

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
