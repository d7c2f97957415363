using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Approvals;

/// <summary>
/// A creation that broke <c>requireApproval</c> guardrail rules, waiting for an approver who is not its requester. It is
/// decided once: <see cref="Version"/> is a concurrency token, so of several decisions made at once exactly one is saved
/// (docs/decisions/0030-approvals.md).
/// </summary>
public sealed class Approval : IHasDomainEvents
{
    public const int MaxCommentLength = 1000;

    /// <summary>The comment a withdrawn request gets (its resource was deleted before anyone decided).</summary>
    public const string WithdrawnComment = "Withdrawn: the resource was deleted before a decision.";

    private readonly List<IDomainEvent> _domainEvents = [];

    private Approval()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The resource waiting in <c>awaiting-approval</c>; one approval per resource.</summary>
    public Guid ResourceId { get; private set; }

    public Guid RequesterId { get; private set; }

    public ApprovalStatus Status { get; private set; }

    /// <summary>The ids of the broken <c>requireApproval</c> rules, in the guardrail document's order.</summary>
    public IReadOnlyList<string> Rules { get; private set; } = [];

    public string? Comment { get; private set; }

    /// <summary>Who decided; null while pending and when the service expired it.</summary>
    public Guid? DeciderId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Concurrency token: bumped by the one decision, compared on save.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// The quota unit reserved at the request (an entry of an hourly log); given back when the creation is rejected,
    /// expired or withdrawn. Null for quotas that count live resources (s3), which free themselves.
    /// </summary>
    public string? QuotaReceipt { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    public bool IsPending => Status == ApprovalStatus.Pending;

    public static Approval Request(Guid id, Guid resourceId, Guid requesterId, IReadOnlyList<string> rules, DateTimeOffset now, string? quotaReceipt)
    {
        if (rules.Count == 0)
        {
            throw new DomainRuleException("An approval is requested for at least one rule.");
        }

        var approval = new Approval
        {
            Id = id,
            ResourceId = resourceId,
            RequesterId = requesterId,
            Status = ApprovalStatus.Pending,
            Rules = [.. rules],
            CreatedAt = now,
            Version = 1,
            QuotaReceipt = quotaReceipt,
        };
        approval._domainEvents.Add(new ApprovalRequested(id, resourceId, approval.Rules));
        return approval;
    }

    public void Approve(Guid deciderId, string? comment, DateTimeOffset now)
    {
        Decide(ApprovalStatus.Approved, deciderId, comment, now);
        _domainEvents.Add(new ApprovalApproved(Id, ResourceId, deciderId, Rules));
    }

    public void Reject(Guid deciderId, string? comment, DateTimeOffset now)
    {
        Decide(ApprovalStatus.Rejected, deciderId, comment, now);
        _domainEvents.Add(new ApprovalRejected(Id, ResourceId, deciderId, Rules, Withdrawn: false));
    }

    /// <summary>The resource was deleted while waiting: the request ends as rejected, by whoever deleted it.</summary>
    public void Withdraw(Guid userId, DateTimeOffset now)
    {
        ThrowUnlessPending();
        Close(ApprovalStatus.Rejected, userId, WithdrawnComment, now);
        _domainEvents.Add(new ApprovalRejected(Id, ResourceId, userId, Rules, Withdrawn: true));
    }

    /// <summary>Nobody decided within <paramref name="expireAfter"/>: the service closes it.</summary>
    public void Expire(DateTimeOffset now, TimeSpan expireAfter)
    {
        ThrowUnlessPending();
        Close(ApprovalStatus.Expired, deciderId: null, comment: null, now);
        _domainEvents.Add(new ApprovalExpired(Id, ResourceId, Rules, expireAfter));
    }

    public void ClearDomainEvents() => _domainEvents.Clear();

    private void Decide(ApprovalStatus outcome, Guid deciderId, string? comment, DateTimeOffset now)
    {
        ThrowUnlessPending();
        if (deciderId == RequesterId)
        {
            throw new DomainRuleException("The requester of an approval cannot decide it.");
        }

        if (comment is { Length: > MaxCommentLength })
        {
            throw new DomainRuleException($"A comment is at most {MaxCommentLength} characters.");
        }

        Close(outcome, deciderId, comment, now);
    }

    private void ThrowUnlessPending()
    {
        if (!IsPending)
        {
            throw new DomainRuleException($"The approval is already {Status.ToString().ToLowerInvariant()}.");
        }
    }

    private void Close(ApprovalStatus outcome, Guid? deciderId, string? comment, DateTimeOffset now)
    {
        Status = outcome;
        DeciderId = deciderId;
        Comment = comment;
        DecidedAt = now;
        Version++;
    }
}
