namespace Orchestrator.Application.Approvals.Common;

/// <summary>An approval as the API returns it.</summary>
/// <param name="Id">The approval id.</param>
/// <param name="ResourceId">The resource waiting in <c>awaiting-approval</c> (or what became of it).</param>
/// <param name="RequesterId">Who asked for the creation.</param>
/// <param name="Status">pending, approved, rejected or expired.</param>
/// <param name="Rules">The ids of the broken <c>requireApproval</c> rules.</param>
/// <param name="Comment">The decider's comment; null without one.</param>
/// <param name="DeciderId">Who decided; null while pending and when it expired.</param>
/// <param name="CreatedAt">When the creation was requested.</param>
/// <param name="DecidedAt">When it was decided or expired; null while pending.</param>
public sealed record ApprovalDto(
    Guid Id,
    Guid ResourceId,
    Guid RequesterId,
    string Status,
    IReadOnlyList<string> Rules,
    string? Comment,
    Guid? DeciderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt);
