using FluentValidation;

namespace Orchestrator.Application.Account.Common;

internal static class CurrentPasswordRules
{
    /// <summary>Present and no longer than any password the token endpoint would hash.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeCurrentPasswordField<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("'currentPassword' is required.")
            .MaximumLength(1024).WithMessage("'currentPassword' is at most 1024 characters.");
}
