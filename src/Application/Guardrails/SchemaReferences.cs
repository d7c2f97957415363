using System.Text.Json;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// Keeps a rule's schema self-contained: every <c>$ref</c> and <c>$dynamicRef</c> points inside the schema itself
/// (a JSON Pointer or an anchor it declares), and only the root may set <c>$id</c>. JsonSchema.Net resolves references
/// when it evaluates, so a reference elsewhere would fail at a create instead of at the change of the document, and
/// the service never fetches schemas from the network.
/// </summary>
internal static class SchemaReferences
{
    public static string? ProblemIn(JsonElement root)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<string>();
        var nestedId = false;
        Collect(root, isRoot: true, anchors, references, ref nestedId);
        if (nestedId)
        {
            return "only the schema's root may set $id.";
        }

        foreach (var reference in references)
        {
            if (!reference.StartsWith('#'))
            {
                return $"$ref '{reference}' points outside the schema; use '#/...' or an anchor of this schema.";
            }

            var resolves = reference.Length == 1
                || (reference[1] == '/' ? Resolve(root, reference[2..]) : anchors.Contains(reference[1..]));
            if (!resolves)
            {
                return $"$ref '{reference}' does not point to a part of this schema.";
            }
        }

        return null;
    }

    private static void Collect(JsonElement element, bool isRoot, HashSet<string> anchors, List<string> references, ref bool nestedId)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, isRoot: false, anchors, references, ref nestedId);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                switch (property.Name)
                {
                    case "$ref" or "$dynamicRef":
                        references.Add(property.Value.GetString()!);
                        break;
                    case "$anchor" or "$dynamicAnchor":
                        anchors.Add(property.Value.GetString()!);
                        break;
                    case "$id" when !isRoot:
                        nestedId = true;
                        break;
                }
            }

            Collect(property.Value, isRoot: false, anchors, references, ref nestedId);
        }
    }

    /// <summary>Follows an RFC 6901 pointer (written in a URI fragment, so percent-encoded) from the root.</summary>
    private static bool Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var encoded in pointer.Split('/'))
        {
            var token = Uri.UnescapeDataString(encoded).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return false;
            }
        }

        return current.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False;
    }
}
