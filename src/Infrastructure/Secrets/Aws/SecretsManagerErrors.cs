using System.Net;
using System.Text.Json;

namespace Orchestrator.Infrastructure.Secrets.Aws;

/// <summary>Reads the AWS JSON protocol's error answer (<c>__type</c>, <c>message</c>) and names it.</summary>
public static class SecretsManagerErrors
{
    public static SecretsManagerErrorKind Classify(string code) => code switch
    {
        "ResourceNotFoundException" => SecretsManagerErrorKind.NotFound,
        "ResourceExistsException" => SecretsManagerErrorKind.AlreadyExists,
        "AccessDeniedException" or "AccessDenied" or "UnrecognizedClientException" or "InvalidSignatureException"
            or "IncompleteSignature" or "ExpiredTokenException" or "MissingAuthenticationToken" => SecretsManagerErrorKind.AccessDenied,
        "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded" => SecretsManagerErrorKind.Throttled,
        _ => SecretsManagerErrorKind.Failed,
    };

    /// <summary>The error code of a failed answer: the header when present, else the body's <c>__type</c> (after any '#').</summary>
    public static (string Code, string Message) Parse(HttpStatusCode status, string? errorTypeHeader, string body)
    {
        var code = errorTypeHeader;
        var message = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("__type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    code ??= type.GetString();
                }

                if ((document.RootElement.TryGetProperty("message", out var text) || document.RootElement.TryGetProperty("Message", out text))
                    && text.ValueKind == JsonValueKind.String)
                {
                    message = text.GetString() ?? string.Empty;
                }
            }
        }
        catch (JsonException)
        {
            // Not a JSON error document (a proxy's HTML page, say): the status alone has to do.
        }

        code = string.IsNullOrWhiteSpace(code) ? $"Http{(int)status}" : code.Split(':')[0];
        var hash = code.LastIndexOf('#');
        return (hash >= 0 ? code[(hash + 1)..] : code, message);
    }
}
