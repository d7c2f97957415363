namespace Orchestrator.Domain.Resources;

public sealed class ResourceTag
{
    private ResourceTag()
    {
    }

    public ResourceTag(string key, string value)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; private set; } = string.Empty;

    public string Value { get; internal set; } = string.Empty;
}
