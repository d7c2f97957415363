using FluentValidation;

namespace Orchestrator.Application.Account.ConfirmTotp;

internal sealed class ConfirmTotpValidator : AbstractValidator<ConfirmTotpCommand>
{
    public ConfirmTotpValidator() => RuleFor(c => c.Code).NotNull().WithMessage("'code' is required.").MustBeTotpCode();
}
