namespace Orchestrator.Application.Common.Sessions;

/// <summary>Estimates how guessable a password is (sequences, keyboard walks, repeats, dictionary words and phrases).</summary>
public interface IPasswordStrengthEstimator
{
    /// <summary>
    /// Null when the password is strong enough for <see cref="PasswordStrengthOptions"/>; otherwise why it is
    /// not and what would help, in words that never quote the password. The username (and any other
    /// <paramref name="userInputs"/>) counts as known to the attacker.
    /// </summary>
    string? FindWeakness(string password, IReadOnlyCollection<string> userInputs);
}
