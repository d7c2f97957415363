using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Common;

namespace Orchestrator.UnitTests.Domain;

public class ApprovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid Requester = Guid.NewGuid();

    private static Approval Requested() => Approval.Request(Guid.NewGuid(), Guid.NewGuid(), Requester, ["prod-needs-approval"], Now, quotaReceipt: "17");

    [Fact]
    public void A_request_is_pending_and_raises_approval_requested_with_its_rules()
    {
        var approval = Requested();

        approval.Status.ShouldBe(ApprovalStatus.Pending);
        var requested = approval.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ApprovalRequested>();
        requested.Action.ShouldBe("approval.requested");
        requested.Details.ShouldContain("rules=prod-needs-approval");
    }

    [Fact]
    public void The_requester_cannot_decide_and_nothing_changes()
    {
        var approval = Requested();

        Should.Throw<DomainRuleException>(() => approval.Approve(Requester, null, Now));
        Should.Throw<DomainRuleException>(() => approval.Reject(Requester, null, Now));
        approval.Status.ShouldBe(ApprovalStatus.Pending);
        approval.Version.ShouldBe(1);
    }

    [Fact]
    public void A_decision_is_made_once_and_moves_the_concurrency_token()
    {
        var approval = Requested();
        var decider = Guid.NewGuid();

        approval.Reject(decider, "no", Now.AddMinutes(5));

        approval.Status.ShouldBe(ApprovalStatus.Rejected);
        approval.DeciderId.ShouldBe(decider);
        approval.DecidedAt.ShouldBe(Now.AddMinutes(5));
        approval.Version.ShouldBe(2);
        approval.DomainEvents[^1].ShouldBeOfType<ApprovalRejected>().Details.ShouldContain($"decider={decider}");
        Should.Throw<DomainRuleException>(() => approval.Approve(Guid.NewGuid(), null, Now));
        Should.Throw<DomainRuleException>(() => approval.Expire(Now, TimeSpan.FromDays(3)));
        Should.Throw<DomainRuleException>(() => approval.Withdraw(Requester, Now));
    }

    [Fact]
    public void Expiry_has_no_decider_and_a_withdrawal_names_who_deleted_the_resource()
    {
        var expired = Requested();
        expired.Expire(Now, TimeSpan.FromDays(3));
        expired.Status.ShouldBe(ApprovalStatus.Expired);
        expired.DeciderId.ShouldBeNull();
        expired.DomainEvents[^1].ShouldBeOfType<ApprovalExpired>().Action.ShouldBe("approval.expired");

        var withdrawn = Requested();
        withdrawn.Withdraw(Requester, Now);
        withdrawn.Status.ShouldBe(ApprovalStatus.Rejected);
        withdrawn.Comment.ShouldBe(Approval.WithdrawnComment);
        withdrawn.DomainEvents[^1].ShouldBeOfType<ApprovalRejected>().Details.ShouldContain("reason=resource-deleted");
    }

    [Fact]
    public void A_comment_over_its_bound_is_refused()
    {
        var approval = Requested();

        Should.Throw<DomainRuleException>(() => approval.Approve(Guid.NewGuid(), new string('x', Approval.MaxCommentLength + 1), Now));
        approval.Status.ShouldBe(ApprovalStatus.Pending);
    }
}
