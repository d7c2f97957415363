using FluentValidation;

namespace Orchestrator.Application.Users.Common;

/// <summary>
/// The password policy of the API contract (NIST SP 800-63B-4 for a single-factor password):
/// 15 to 128 characters, not containing the username, no composition rules.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 15;
    public const int MaxLength = 128;

    public static IRuleBuilderOptions<T, string?> MustBeAcceptablePassword<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> username) =>
        rule
            .NotEmpty().WithMessage("'password' is required.")
            .Length(MinLength, MaxLength).WithMessage($"'password' must be {MinLength} to {MaxLength} characters long.")
            .Must((request, password) => !ContainsUsername(password, username(request)))
            .WithMessage("'password' must not contain the username.");

    private static bool ContainsUsername(string? password, string? username) =>
        password is not null
        && !string.IsNullOrWhiteSpace(username)
        && password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase);
}
