using System.Net.Http.Headers;
using System.Text.Json;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// The property every answer must have: no 5xx; every error an RFC 9457 problem (application/problem+json with
/// <c>type</c>, <c>title</c>, <c>status</c> equal to the answer's, and <c>detail</c>), or, at an operation the document
/// says answers in RFC 6749's shape, JSON with an <c>error</c> string. A breach is named by a kind that groups
/// requests failing for the same reason, so each kind is shrunk and reported on its own.
/// </summary>
public static class AnswerContract
{
    /// <summary>The kind of breach, or null when the answer keeps the contract.</summary>
    public static string? Breach(FuzzRequest request, int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (status >= 500)
        {
            return $"{status} at {request.Operation.Name}";
        }

        if (status < 400)
        {
            return null;
        }

        var mediaType = contentType?.MediaType;
        var members = Members(body);
        if (request.Operation.AnswersTokenErrors && mediaType == "application/json" && members.GetValueOrDefault("error") == JsonValueKind.String)
        {
            return null;
        }

        if (mediaType != "application/problem+json")
        {
            return $"an error answered as {mediaType ?? "no content type"}, not a problem";
        }

        var missing = new[] { "type", "title", "detail" }.Where(name => members.GetValueOrDefault(name) != JsonValueKind.String).ToList();
        if (!members.ContainsKey($"status={status}"))
        {
            missing.Add("status");
        }

        return missing.Count == 0 ? null : $"{status} problem without {string.Join(", ", missing)}";
    }

    /// <summary>The kinds of the top-level members of a JSON object, and "status=N" for a numeric status.</summary>
    private static Dictionary<string, JsonValueKind> Members(string body)
    {
        var members = new Dictionary<string, JsonValueKind>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in json.RootElement.EnumerateObject())
                {
                    members[member.Name] = member.Value.ValueKind;
                    if (member.Name == "status" && member.Value.TryGetInt32(out var status))
                    {
                        members[$"status={status}"] = JsonValueKind.Number;
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return members;
    }
}
