using FluentValidation;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Application.Users.Common;

/// <summary>
/// The password policy of the API contract (NIST SP 800-63B-4 for a single-factor password):
/// 15 to 128 characters, not containing the username, not common or breached, and hard enough to guess
/// for the strength estimator (sequences, keyboard walks, repeats, dictionary phrases); no composition rules.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 15;
    public const int MaxLength = 128;

    /// <summary>Every rule; without <paramref name="strength"/> the caller runs the estimator itself, where the username is known.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeAcceptablePassword<T>(
        this IRuleBuilder<T, string?> rule,
        Func<T, string?> username,
        ICommonPasswordList commonPasswords,
        IPasswordStrengthEstimator? strength,
        string field = "password") =>
        rule
            .NotEmpty().WithMessage($"'{field}' is required.")
            .Length(MinLength, MaxLength).WithMessage($"'{field}' must be {MinLength} to {MaxLength} characters long.")
            .Must((request, password) => !ContainsUsername(password, username(request)))
            .WithMessage($"'{field}' must not contain the username.")
            .Must(password => password is null || !commonPasswords.IsCommon(password))
            .WithMessage($"'{field}' is too common: it appears on a list of common or breached passwords, or repeats a short pattern.")
            .Custom((password, context) =>
            {
                // Only a password every cheaper rule accepted is worth the estimator's time.
                var name = username(context.InstanceToValidate);
                if (strength is null || password is null || password.Length is < MinLength or > MaxLength
                    || ContainsUsername(password, name) || commonPasswords.IsCommon(password))
                {
                    return;
                }

                var message = WeaknessMessage(strength, password, name, field);
                if (message is not null)
                {
                    context.AddFailure(message);
                }
            });

    /// <summary>The estimator's verdict as a field message (null when strong enough), the username counted as known.</summary>
    public static string? WeaknessMessage(IPasswordStrengthEstimator strength, string password, string? username, string field)
    {
        var weakness = strength.FindWeakness(password, string.IsNullOrWhiteSpace(username) ? [] : [username.Trim()]);
        return weakness is null ? null : $"'{field}' is too easy to guess: {weakness}";
    }

    private static bool ContainsUsername(string? password, string? username) =>
        password is not null
        && !string.IsNullOrWhiteSpace(username)
        && password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase);
}
