using System.Runtime.CompilerServices;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// The encrypted properties of loaded entities whose stored value is not in the current, row-bound format (an older
/// format, or a value that did not open for its row): the entity's next save writes them again in the current format.
/// </summary>
internal static class PendingRewrites
{
    private static readonly ConditionalWeakTable<object, HashSet<string>> ByEntity = [];

    public static void Add(object entity, string property)
    {
        var properties = ByEntity.GetOrCreateValue(entity);
        lock (properties)
        {
            properties.Add(property);
        }
    }

    public static bool Contains(object entity, string property)
    {
        if (!ByEntity.TryGetValue(entity, out var properties))
        {
            return false;
        }

        lock (properties)
        {
            return properties.Contains(property);
        }
    }

    public static void Remove(object entity, string property)
    {
        if (ByEntity.TryGetValue(entity, out var properties))
        {
            lock (properties)
            {
                properties.Remove(property);
            }
        }
    }
}
