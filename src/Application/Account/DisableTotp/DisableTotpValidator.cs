using FluentValidation;
using Orchestrator.Application.Account.ConfirmTotp;

namespace Orchestrator.Application.Account.DisableTotp;

internal sealed class DisableTotpValidator : AbstractValidator<DisableTotpCommand>
{
    public DisableTotpValidator() => RuleFor(c => c.Code).NotNull().WithMessage("'code' is required.").MustBeTotpCode();
}
