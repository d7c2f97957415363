using System.Globalization;

namespace Orchestrator.Bench.Scale;

/// <summary>How much to seed; each count can be overridden from the environment for a quick smoke run.</summary>
internal sealed record SeedCounts(int Resources, int Users, int Policies, long AuditEvents, int Backlog, int Expiring)
{
    public static SeedCounts FromEnvironment() => new(
        Resources: (int)Read("SCALE_RESOURCES", 1_000_000),
        Users: (int)Read("SCALE_USERS", 1_000),
        Policies: (int)Read("SCALE_POLICIES", 10_000),
        AuditEvents: Read("SCALE_AUDIT_EVENTS", 10_000_000),
        Backlog: (int)Read("SCALE_BACKLOG", 10_000),
        Expiring: (int)Read("SCALE_EXPIRING", 1_000));

    private static long Read(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : fallback;
}
