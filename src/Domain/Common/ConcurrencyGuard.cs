namespace Orchestrator.Domain.Common;

/// <summary>
/// A row that every change of one invariant spanning several rows rewrites, under a concurrency token: two such
/// changes can then not both commit on what each read before the other (write skew), on any database
/// (docs/decisions/0021-atomic-account-security-state.md).
/// </summary>
public sealed class ConcurrencyGuard
{
    /// <summary>Guards "at least one enabled admin": every change that may take an enabled admin away rewrites it.</summary>
    public const string EnabledAdmins = "enabled-admins";

    private ConcurrencyGuard()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public long Version { get; private set; }

    public static ConcurrencyGuard Seed(string name) => new() { Name = name };

    /// <summary>Claims the guard: the save fails with a concurrency conflict if another change claimed it since it was read.</summary>
    public void Claim() => Version++;
}
