using FluentValidation;
using Orchestrator.Application.Account.Common;

namespace Orchestrator.Application.Account.EnrollTotp;

internal sealed class EnrollTotpValidator : AbstractValidator<EnrollTotpCommand>
{
    public EnrollTotpValidator() => RuleFor(c => c.CurrentPassword).MustBeCurrentPasswordField();
}
