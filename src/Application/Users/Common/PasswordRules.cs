using FluentValidation;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Users.Common;

/// <summary>
/// The password policy of the API contract (NIST SP 800-63B-4 for a single-factor password):
/// 15 to 128 characters, not containing the username, not common or breached, no composition rules.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 15;
    public const int MaxLength = 128;

    public static IRuleBuilderOptions<T, string?> MustBeAcceptablePassword<T>(
        this IRuleBuilder<T, string?> rule, Func<T, string?> username, ICommonPasswordList commonPasswords, string field = "password") =>
        rule
            .NotEmpty().WithMessage($"'{field}' is required.")
            .Length(MinLength, MaxLength).WithMessage($"'{field}' must be {MinLength} to {MaxLength} characters long.")
            .Must((request, password) => !ContainsUsername(password, username(request)))
            .WithMessage($"'{field}' must not contain the username.")
            .Must(password => password is null || !commonPasswords.IsCommon(password))
            .WithMessage($"'{field}' is too common: it appears on a list of common or breached passwords, or repeats a short pattern.");

    private static bool ContainsUsername(string? password, string? username) =>
        password is not null
        && !string.IsNullOrWhiteSpace(username)
        && password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase);
}
