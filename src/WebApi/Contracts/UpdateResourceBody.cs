using System.Text.Json.Serialization;

namespace Orchestrator.WebApi.Contracts;

/// <summary>
/// The body of <c>PATCH /api/v1/resources/{id}</c>: any of its fields, at least one. A field sent replaces that value;
/// a field left out stays.
/// </summary>
public sealed class UpdateResourceBody
{
    private DateTimeOffset? _expiresAt;

    /// <summary>The new, complete tag set (it replaces the old one); {} removes every tag.</summary>
    public Dictionary<string, string>? Tags { get; set; }

    /// <summary>When the service deletes the resource: in the future and at most Lifecycle:MaxLifetime ahead; null clears it.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get => _expiresAt;
        // A plain setter, not init: the source-generated reader calls it only for a property the body has.
        set
        {
            _expiresAt = value;
            ExpiresAtSent = true;
        }
    }

    /// <summary>true: DELETE is refused (409) until it is turned off again; for rds also set in AWS.</summary>
    public bool? DeletionProtection { get; set; }

    /// <summary>True when the body named <c>expiresAt</c> (the serializer sets it only then), so null is told from absent.</summary>
    [JsonIgnore]
    public bool ExpiresAtSent { get; private set; }
}
