using FluentValidation;

namespace Orchestrator.Application.Account.ConfirmTotp;

internal static class TotpCodeRules
{
    public static IRuleBuilderOptions<T, string?> MustBeTotpCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(@"^[0-9]{6}\z").WithMessage("'code' is the 6-digit code from the authenticator.");
}
