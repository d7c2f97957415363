using Orchestrator.Application.Resources.Common;

namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>POST /api/v1/resources</c>. Owner, status and ids are never taken from a client.</summary>
/// <param name="Name">3 to 63 ASCII letters or digits.</param>
/// <param name="Type">ec2, s3 or rds.</param>
/// <param name="Region">An allowed AWS region code, such as us-east-1.</param>
/// <param name="Tags">Up to 50 tags, string to string.</param>
/// <param name="Spec">Type-specific settings; omitted fields take safe defaults.</param>
/// <param name="ExpiresAt">Optional. When the service deletes the resource: in the future and at most Lifecycle:MaxLifetime ahead.</param>
/// <param name="DeletionProtection">Optional. While true, DELETE is refused (409); default true for rds, false otherwise.</param>
public sealed record CreateResourceBody(
    string? Name,
    string? Type,
    string? Region,
    Dictionary<string, string>? Tags,
    ResourceSpecDto? Spec,
    DateTimeOffset? ExpiresAt = null,
    bool? DeletionProtection = null);
