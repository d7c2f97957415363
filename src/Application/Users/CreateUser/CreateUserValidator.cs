using System.Text.RegularExpressions;
using FluentValidation;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Common.Validation;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.CreateUser;

internal sealed partial class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator(ICommonPasswordList commonPasswords, IPasswordStrengthEstimator strength)
    {
        var usernameRule = $"'username' must be {UsernameRules.MinLength} to {UsernameRules.MaxLength} characters: letters, digits and . _ - @, starting with a letter or digit.";
        RuleFor(c => c.Username)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("'username' is required.")
            .Length(UsernameRules.MinLength, UsernameRules.MaxLength).WithMessage(usernameRule)
            .Matches(UsernamePattern()).WithMessage(usernameRule);

        RuleFor(c => c.Password).MustBeAcceptablePassword(c => c.Username, commonPasswords, strength);

        RuleFor(c => c.Role)
            .NotEmpty().WithMessage("'role' is required.")
            .MustBeOneOf(RolePermissions.RoleNames)
            .WithMessage("'role' must be one of: admin, operator, viewer.");
    }

    [GeneratedRegex(UsernameRules.PatternText, RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
