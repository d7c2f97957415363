using FluentValidation;
using Orchestrator.Domain.Approvals;

namespace Orchestrator.Application.Approvals.Common;

/// <summary>The rule on a decision's comment: optional, at most <see cref="Approval.MaxCommentLength"/> characters.</summary>
internal static class DecisionCommentValidation
{
    public static void MustBeADecisionComment<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Approval.MaxCommentLength)
            .WithMessage($"'comment' is at most {Approval.MaxCommentLength} characters.");
}
