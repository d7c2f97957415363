using FluentValidation;
using Orchestrator.Application.Account.Common;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Users.Common;

namespace Orchestrator.Application.Account.ChangePassword;

/// <summary>The username and strength rules need the account, so the handler checks them; everything else is here.</summary>
internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator(ICommonPasswordList commonPasswords)
    {
        RuleFor(c => c.CurrentPassword).MustBeCurrentPasswordField();
        RuleFor(c => c.NewPassword).MustBeAcceptablePassword(_ => null, commonPasswords, strength: null, "newPassword");
    }
}
