using Orchestrator.Domain.Approvals;

namespace Orchestrator.Application.Approvals.Common;

/// <summary>The lower-case names of approval statuses on the wire ("pending", "approved", "rejected", "expired").</summary>
public static class ApprovalWireNames
{
    public static readonly IReadOnlyList<string> Statuses = [.. Enum.GetValues<ApprovalStatus>().Select(Of)];

    public static string Of(ApprovalStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseStatus(string? value, out ApprovalStatus status)
    {
        foreach (var candidate in Enum.GetValues<ApprovalStatus>())
        {
            if (string.Equals(Of(candidate), value, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
