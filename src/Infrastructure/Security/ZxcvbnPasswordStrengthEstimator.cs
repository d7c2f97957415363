using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Infrastructure.Security;

/// <summary>
/// zxcvbn (Dropbox's estimator, ported to .NET): it splits a password into the patterns an attacker would
/// try first (dictionary words and common passwords, keyboard walks, sequences, repeats, dates) and
/// estimates the guesses they cost. The reason given is built from those patterns, never from the text.
/// </summary>
public sealed class ZxcvbnPasswordStrengthEstimator(IOptions<PasswordStrengthOptions> options) : IPasswordStrengthEstimator
{
    // One instance: building one loads every word list; evaluating a password only reads them.
    private readonly Zxcvbn.Zxcvbn _estimator = new();

    public string? FindWeakness(string password, IReadOnlyCollection<string> userInputs)
    {
        var result = _estimator.EvaluatePassword(password, userInputs);
        var floor = options.Value;
        if (result.Score >= floor.MinimumScore && result.Entropy >= floor.MinimumEntropyBits)
        {
            return null;
        }

        return $"{PasswordWeakness.Describe(result.MatchSequence)}. "
            + "Use a longer passphrase of several unrelated, uncommon words, or a generated password.";
    }
}
