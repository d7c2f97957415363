namespace Orchestrator.Application.Approvals;

/// <summary>Who decides approvals and how long a request waits (configuration section <c>Approvals</c>).</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>Roles whose users may decide; admins always may. Names as on the wire (admin, operator, viewer).</summary>
    public List<string> ApproverRoles { get; set; } = [];

    /// <summary>A request nobody decided within this is expired and its creation rejected.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Run the expiry scan in this instance (its lease lets one instance at a time run it).</summary>
    public bool ExpiryEnabled { get; set; } = true;

    /// <summary>How often the expiry scan looks for requests past <see cref="ExpireAfter"/>.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests one batch of the scan expires; each is its own short transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a running scan holds its lease; renewed after every batch, taken over after a crash.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
