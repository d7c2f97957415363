using FluentValidation;
using Orchestrator.Application.Common.Validation;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.UpdateUser;

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator()
    {
        RuleFor(c => c.Role)
            .MustBeOneOf(RolePermissions.RoleNames)
            .WithMessage("'role' must be one of: admin, operator, viewer.");
        RuleFor(c => c)
            .Must(c => c.Role is not null || c.Disabled is not null)
            .WithMessage("Send 'role', 'disabled' or both.")
            .OverridePropertyName("body");
    }
}
