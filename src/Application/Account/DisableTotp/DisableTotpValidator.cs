using FluentValidation;
using Orchestrator.Application.Account.Common;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Account.DisableTotp;

internal sealed class DisableTotpValidator : AbstractValidator<DisableTotpCommand>
{
    public DisableTotpValidator()
    {
        RuleFor(c => c.CurrentPassword).MustBeCurrentPasswordField();
        RuleFor(c => c.Code)
            .NotNull().WithMessage("'code' is required.")
            .MaximumLength(24).WithMessage("'code' is the 6-digit code from the authenticator or a recovery code.")
            .Must(code => code is null || (code.Length == 6 && code.All(char.IsAsciiDigit)) || RecoveryCode.LooksLikeCode(code))
            .WithMessage("'code' is the 6-digit code from the authenticator or a recovery code.");
    }
}
