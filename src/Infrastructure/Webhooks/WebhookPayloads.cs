using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Resources;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// The body of an event, <c>{type, timestamp, data}</c> (Standard Webhooks' recommended shape), from its audit row and,
/// for resource events, the resource as the same save leaves it. Nothing in it is secret: the audit row never is, and a
/// resource's outputs and tags are left out (a receiver reads the resource through the API when it needs them).
/// </summary>
public static partial class WebhookPayloads
{
    /// <param name="audit">The audit row the event is derived from.</param>
    /// <param name="type">The event type.</param>
    /// <param name="resource">The resource the row is about, when the save tracks it.</param>
    /// <param name="statusBefore">The resource's status when it was loaded, for a delete (one step from any live status).</param>
    public static string Build(AuditEvent audit, string type, Resource? resource, ResourceStatus? statusBefore)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("timestamp", Timestamp(audit.OccurredAt));
            json.WriteStartObject("data");
            json.WriteString("eventId", audit.Id);
            WriteNullable(json, "actorId", audit.UserId);
            if (type.StartsWith("resource.", StringComparison.Ordinal) || type.StartsWith("approval.", StringComparison.Ordinal))
            {
                WriteNullable(json, "resourceId", audit.ResourceId);
            }

            switch (type)
            {
                case WebhookEventTypes.ResourceStatusChanged:
                    WriteStatusChange(json, audit, statusBefore);
                    break;
                case WebhookEventTypes.ResourceDrifted when resource?.Drift is { } drift:
                    WriteDifferences(json, drift.Differences);
                    break;
                case WebhookEventTypes.ApprovalRequested or WebhookEventTypes.ApprovalDecided:
                    json.WriteString("decision", type == WebhookEventTypes.ApprovalDecided ? audit.Action["approval.".Length..] : "pending");
                    json.WriteString("details", audit.Details);
                    break;
                case WebhookEventTypes.SecurityLockout or WebhookEventTypes.SecurityRefreshReuse:
                    WriteNullable(json, "userId", UserOf(audit.Details));
                    break;
            }

            if (resource is not null)
            {
                WriteResource(json, resource);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteStatusChange(Utf8JsonWriter json, AuditEvent audit, ResourceStatus? statusBefore)
    {
        // Audited as "<from> -> <to>" in the enum's lower-case names; a delete is its own action.
        var parts = audit.Details.Split(" -> ", 2);
        string? from = parts.Length == 2 ? WireStatus(parts[0]) : statusBefore is { } before ? ResourceWireNames.Of(before) : null;
        var to = parts.Length == 2 ? WireStatus(parts[1]) : ResourceWireNames.Of(ResourceStatus.Deleting);
        WriteNullable(json, "from", from);
        WriteNullable(json, "to", to);
    }

    private static void WriteDifferences(Utf8JsonWriter json, IReadOnlyList<DriftDifference> differences)
    {
        json.WriteStartArray("differences");
        foreach (var difference in differences)
        {
            json.WriteStartObject();
            json.WriteString("field", difference.Field);
            WriteNullable(json, "expected", difference.Expected);
            WriteNullable(json, "actual", difference.Actual);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteResource(Utf8JsonWriter json, Resource resource)
    {
        json.WriteStartObject("resource");
        json.WriteString("id", resource.Id);
        json.WriteString("name", resource.Name);
        json.WriteString("type", ResourceWireNames.Of(resource.Type));
        json.WriteString("region", resource.Region);
        json.WriteString("status", ResourceWireNames.Of(resource.Status));
        WriteNullable(json, "statusReason", resource.StatusReason);
        WriteNullable(json, "failureCode", resource.FailureCode);
        json.WriteString("ownerId", resource.OwnerId);
        WriteNullable(json, "expiresAt", resource.ExpiresAt is { } expiresAt ? Timestamp(expiresAt) : null);
        json.WriteBoolean("deletionProtection", resource.DeletionProtection);
        json.WriteEndObject();
    }

    private static string? WireStatus(string auditName) =>
        Enum.TryParse<ResourceStatus>(auditName.Trim(), ignoreCase: true, out var status) ? ResourceWireNames.Of(status) : auditName.Trim();

    private static Guid? UserOf(string details) =>
        UserPattern().Match(details) is { Success: true } match && Guid.TryParse(match.Groups[1].Value, out var id) ? id : null;

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteNullable(Utf8JsonWriter json, string name, Guid? value)
    {
        if (value is { } id)
        {
            json.WriteString(name, id);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    // The account concerned by a security event, as the audit details name it ("user=<id> ...").
    [GeneratedRegex(@"\buser=([0-9a-fA-F-]{36})\b", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();
}
