using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>Replaces, removes or adds one member anywhere in a JSON tree, chosen by number, so a mutation reaches nested fields.</summary>
public static class JsonTreeSlots
{
    /// <summary>Sets the <paramref name="pick"/>-th value slot of the tree (the root when the tree has none) to <paramref name="value"/>.</summary>
    public static JsonNode? Replace(JsonNode? root, int pick, JsonNode? value)
    {
        var slots = Slots(root);
        if (slots.Count == 0)
        {
            return value;
        }

        var (parent, key, index) = slots[pick % slots.Count];
        if (parent is JsonObject o)
        {
            o[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }

        return root;
    }

    public static JsonNode? Remove(JsonNode? root, int pick)
    {
        var slots = Slots(root);
        if (slots.Count > 0)
        {
            var (parent, key, index) = slots[pick % slots.Count];
            if (parent is JsonObject o)
            {
                o.Remove(key!);
            }
            else
            {
                ((JsonArray)parent).RemoveAt(index);
            }
        }

        return root;
    }

    /// <summary>Adds a member to the <paramref name="pick"/>-th object of the tree.</summary>
    public static JsonNode? Add(JsonNode? root, int pick, string name, JsonNode? value)
    {
        var objects = Nodes(root).OfType<JsonObject>().ToList();
        if (objects.Count > 0)
        {
            objects[pick % objects.Count][name] = value;
        }

        return root;
    }

    private static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode? root) =>
        [.. Nodes(root).SelectMany(node => node switch
        {
            JsonObject o => o.Select(p => ((JsonNode)o, (string?)p.Key, 0)),
            JsonArray a => a.Select((_, i) => ((JsonNode)a, (string?)null, i)),
            _ => [],
        })];

    private static IEnumerable<JsonNode> Nodes(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.ToList())
        {
            foreach (var descendant in Nodes(child))
            {
                yield return descendant;
            }
        }
    }
}
