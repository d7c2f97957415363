using System.Text;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// One generated request, kept as data so that a failure prints exactly what was sent. The caller is named
/// (<see cref="Caller"/>: "admin", "anonymous", "forged: alg none"...) and turned into an Authorization header at send time,
/// so a request stays valid when the run signs in again.
/// </summary>
public sealed record FuzzRequest(
    ApiOperation Operation,
    string Method,
    string Url,
    string Caller,
    IReadOnlyList<(string Name, string Value)> Headers,
    FuzzBody? Body)
{
    public HttpRequestMessage ToMessage(Func<string, string?> authorization)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (authorization(Caller) is { } credentials)
        {
            message.Headers.TryAddWithoutValidation("Authorization", credentials);
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = Body.Chunked ? new StreamContent(new UnseekableStream(Body.Bytes)) : new ByteArrayContent(Body.Bytes);
            if (Body.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", Body.ContentType);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Shorten(Url)} (operation {Operation.Name})\n    caller: {Caller}");
        foreach (var (name, value) in Headers)
        {
            text.Append($"\n    {name}: {Shorten(value)}");
        }

        if (Body is not null)
        {
            text.Append($"\n    Content-Type: {Body.ContentType ?? "(none)"}{(Body.Chunked ? " (chunked, no Content-Length)" : string.Empty)}");
            text.Append($"\n    body: {Body.Printable()}");
        }

        return text.ToString();
    }

    private static string Shorten(string value) => value.Length > 200 ? $"{value[..200]}... ({value.Length} chars)" : value;

    /// <summary>A body stream without a length, so the client sends no Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
