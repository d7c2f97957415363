using System.Net;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>An AWS Query-protocol error answer (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>) from RDS.</summary>
public sealed class RdsErrorException : Exception
{
    public RdsErrorException()
    {
    }

    public RdsErrorException(string message)
        : base(message)
    {
    }

    public RdsErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RdsErrorException(string code, string message, HttpStatusCode statusCode)
        : base($"{code}: {message}")
    {
        Code = code;
        StatusCode = statusCode;
    }

    public string Code { get; } = string.Empty;

    public HttpStatusCode StatusCode { get; }
}
