namespace Orchestrator.IntegrationTests.Edge;

/// <summary>Reads a header whether HttpClient filed it under the response or under its content.</summary>
public static class HttpResponseHeaders
{
    public static string? HeaderValue(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
