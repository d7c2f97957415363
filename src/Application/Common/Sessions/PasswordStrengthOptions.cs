namespace Orchestrator.Application.Common.Sessions;

/// <summary>
/// The strength a new password needs (configuration section <c>Passwords</c>), as judged by the estimator,
/// on top of the length and common-list rules. Both floors apply (docs/decisions/0023-password-strength-hashing-and-data-at-rest.md).
/// </summary>
public sealed class PasswordStrengthOptions
{
    public const string SectionName = "Passwords";

    /// <summary>The estimator's score, 0 (trivial) to 4 (its top band).</summary>
    public int MinimumScore { get; set; } = 4;

    /// <summary>
    /// The estimator's entropy in bits (log2 of the guesses it expects an attacker to need). Its top band
    /// starts low enough to admit four common words run together, so this floor sits above it.
    /// </summary>
    public double MinimumEntropyBits { get; set; } = 50;
}
