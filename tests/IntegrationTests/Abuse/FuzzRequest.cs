using System.Text;

namespace Orchestrator.IntegrationTests.Abuse;

/// <summary>One generated request, kept as data so that a failure can print exactly what was sent.</summary>
public sealed record FuzzRequest(int Number, HttpMethod Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 400)));
        var headers = string.Join("; ", Headers.Select(h => $"{h.Name}: {(h.Name == "Authorization" ? h.Value[..Math.Min(h.Value.Length, 20)] + "..." : h.Value)}"));
        return $"#{Number} {Method} {Url} [{headers}] {ContentType} {body}";
    }
}
