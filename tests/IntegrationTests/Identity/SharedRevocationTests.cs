using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>Two API instances on one database and one Redis agree on revocations at once.</summary>
public sealed class SharedRevocationTests
{
    [Fact]
    public async Task A_revocation_on_one_instance_is_refused_by_the_other_at_once()
    {
        var prefix = TestRedis.NewKeyPrefix();
        using var first = new OrchestratorApiFactory().WithTestRedis(prefix);
        var user = await UserAccount.CreateAsync(first);
        using var second = new OrchestratorApiFactory().WithTestRedis(prefix).With("DataDirectory", first.DataDirectory);

        var revoked = await first.LoginAsync(user.Username, user.Password);
        var survivor = await first.LoginAsync(user.Username, user.Password);
        (await second.MeStatusAsync(revoked.Access())).ShouldBe(HttpStatusCode.OK, "both instances accept tokens either issued");

        (await first.RevokeAsync(revoked.Access(), "access_token")).ShouldBe(HttpStatusCode.OK);
        (await second.MeStatusAsync(revoked.Access())).ShouldBe(HttpStatusCode.Unauthorized);
        (await second.MeStatusAsync(survivor.Access())).ShouldBe(HttpStatusCode.OK);

        // Ending every session on the second instance reaches the first.
        using var admin = await second.CreateAdminClientAsync();
        using (var endAll = await admin.PostAsync($"/api/v1/users/{user.Id}/sessions/revoke", null))
        {
            endAll.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await first.MeStatusAsync(survivor.Access())).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
