using System.Text.RegularExpressions;
using FluentValidation;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.CreateUser;

internal sealed partial class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator(ICommonPasswordList commonPasswords)
    {
        RuleFor(c => c.Username)
            .NotEmpty().WithMessage("'username' is required.")
            .Matches(UsernamePattern())
            .WithMessage("'username' must be 3 to 64 characters: letters, digits and . _ - @, starting with a letter or digit.");

        RuleFor(c => c.Password).MustBeAcceptablePassword(c => c.Username, commonPasswords);

        RuleFor(c => c.Role)
            .NotEmpty().WithMessage("'role' is required.")
            .Must(role => RolePermissions.TryParseRole(role, out _))
            .WithMessage("'role' must be one of: admin, operator, viewer.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
