namespace Orchestrator.Application.Resources.ListResources;

/// <summary>A "key:value" list filter. The key ends at the first colon; the value may hold more colons.</summary>
internal readonly record struct TagFilter(string Key, string Value)
{
    public static bool TryParse(string? text, out TagFilter filter)
    {
        filter = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 1 || text!.Length > 400)
        {
            return false;
        }

        filter = new TagFilter(text[..colon], text[(colon + 1)..]);
        return true;
    }
}
