using FluentValidation;
using Orchestrator.Application.Common.Validation;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.ReplaceResourcePolicy;

internal sealed class ReplaceResourcePolicyValidator : AbstractValidator<ReplaceResourcePolicyCommand>
{
    public const int MaxStatements = ResourcePolicyLimits.MaxStatements;
    public const int MaxEntriesPerStatement = ResourcePolicyLimits.MaxEntriesPerStatement;

    public ReplaceResourcePolicyValidator()
    {
        RuleFor(c => c.Statements)
            .NotNull().WithMessage("'statements' is required; send [] to clear the policy.")
            .Must(s => s is null || s.Count <= MaxStatements).WithMessage($"At most {MaxStatements} statements are allowed.");

        // ChildRules skips a null element, which would then reach the mapping: refuse it here.
        RuleForEach(c => c.Statements).NotNull().WithMessage("A statement cannot be null.").ChildRules(statement =>
        {
            statement.RuleFor(s => s.Effect)
                .NotNull().WithMessage("'effect' must be \"Allow\" or \"Deny\".")
                .MustBeOneOf(ResourcePolicyMapping.Effects).WithMessage("'effect' must be \"Allow\" or \"Deny\".");

            statement.RuleFor(s => s.Principals)
                .NotEmpty().WithMessage("'principals' needs at least one principal.")
                .Must(p => p is null || p.Count <= MaxEntriesPerStatement).WithMessage($"At most {MaxEntriesPerStatement} principals per statement.");
            statement.RuleForEach(s => s.Principals)
                .Must(p => PolicyPrincipal.TryNormalize(p, out _))
                .WithMessage("A principal is \"user:<id>\", \"role:<admin|operator|viewer>\" or \"*\".");

            statement.RuleFor(s => s.Actions)
                .NotEmpty().WithMessage("'actions' needs at least one action.")
                .Must(a => a is null || a.Count <= MaxEntriesPerStatement).WithMessage($"At most {MaxEntriesPerStatement} actions per statement.");
            statement.RuleForEach(s => s.Actions)
                .NotNull().WithMessage("An action is \"read\", \"update\" or \"delete\".")
                .MustBeOneOf(ResourcePolicyMapping.GrantableActions)
                .WithMessage("An action is \"read\", \"update\" or \"delete\".");
        });
    }
}
