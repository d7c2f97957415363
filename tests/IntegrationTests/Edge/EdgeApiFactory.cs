using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>An API whose hourly ec2 quota is 1, so a second creation by one user gives a 429; it logs the admin in once.</summary>
public sealed class EdgeApiFactory : OrchestratorApiFactory
{
    private readonly Lazy<Task<string>> _adminToken;

    public EdgeApiFactory()
    {
        With("Quotas:Ec2PerHour", "1");
        _adminToken = new Lazy<Task<string>>(() => this.GetAccessTokenAsync("admin", AdminPassword));
    }

    public Task<string> AdminTokenAsync() => _adminToken.Value;
}
