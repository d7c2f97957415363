using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>
/// The last enabled admin cannot be demoted or disabled, also when such changes race: admins demoting each
/// other at the same moment, or one admin sending several demotions at once, always leave one enabled admin.
/// </summary>
public abstract class LastAdminRaceTests(OrchestratorApiFactory factory)
{
    private const int Admins = 12;

    protected const int Rounds = 3;

    protected async Task Admins_demoting_each_other_at_once_leave_an_enabled_admin()
    {
        var survivor = new UserAccount(Guid.Empty, "admin", OrchestratorApiFactory.AdminPassword);
        for (var round = 0; round < Rounds; round++)
        {
            var admins = await OnlyAdminsAsync(survivor, Admins);
            var clients = await Task.WhenAll(admins.Select(async a => factory.CreateBearerClient((await factory.LoginAsync(a.Username, a.Password)).Access())));

            // A ring: each admin demotes or disables the next one.
            var statuses = await AtOnce.RunAsync(Admins, async i =>
            {
                var target = admins[(i + 1) % Admins];
                var change = i % 2 == 0 ? """{"role":"viewer"}""" : """{"disabled":true}""";
                using var response = await clients[i].SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{target.Id}", change);
                return response.StatusCode;
            });
            statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict || s == HttpStatusCode.Unauthorized);
            foreach (var client in clients)
            {
                client.Dispose();
            }

            survivor = await EnabledAdminAmongAsync(admins) ?? throw new ShouldAssertException($"round {round}: no enabled admin is left ({string.Join(", ", statuses)})");
        }
    }

    protected async Task One_admin_sending_both_demotions_at_once_leaves_an_enabled_admin()
    {
        var survivor = new UserAccount(Guid.Empty, "admin", OrchestratorApiFactory.AdminPassword);
        for (var round = 0; round < Rounds; round++)
        {
            var admins = await OnlyAdminsAsync(survivor, 2);
            using var client = factory.CreateBearerClient((await factory.LoginAsync(admins[0].Username, admins[0].Password)).Access());

            // Half of the requests demote the other admin, half the sender itself.
            var statuses = await AtOnce.RunAsync(Admins, async i =>
            {
                var target = admins[i % 2];
                var change = i % 4 < 2 ? """{"role":"operator"}""" : """{"disabled":true}""";
                using var response = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{target.Id}", change);
                return response.StatusCode;
            });
            statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict || s == HttpStatusCode.Unauthorized);

            survivor = await EnabledAdminAmongAsync(admins) ?? throw new ShouldAssertException($"round {round}: no enabled admin is left ({string.Join(", ", statuses)})");
        }
    }

    /// <summary>Creates <paramref name="count"/> new admins, then has one of them disable every other enabled admin: they are the only ones.</summary>
    private async Task<UserAccount[]> OnlyAdminsAsync(UserAccount current, int count)
    {
        var accounts = new UserAccount[count];
        using (var admin = factory.CreateBearerClient((await factory.LoginAsync(current.Username, current.Password)).Access()))
        {
            for (var i = 0; i < count; i++)
            {
                accounts[i] = await UserAccount.CreateWithAsync(admin, "admin");
            }
        }

        using var first = factory.CreateBearerClient((await factory.LoginAsync(accounts[0].Username, accounts[0].Password)).Access());
        using var list = await first.GetAsync("/api/v1/users?pageSize=200");
        var others = (await list.ReadJsonAsync())["items"]!.AsArray()
            .Where(u => u!["role"]!.GetValue<string>() == "admin" && !u["disabled"]!.GetValue<bool>())
            .Select(u => Guid.Parse(u!["id"]!.GetValue<string>()))
            .Where(id => accounts.All(a => a.Id != id));
        foreach (var id in others)
        {
            using var disabled = await first.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{id}", """{"disabled":true}""");
            disabled.StatusCode.ShouldBe(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync());
        }

        return accounts;
    }

    /// <summary>The first of <paramref name="accounts"/> that can still sign in and list users, or null.</summary>
    private async Task<UserAccount?> EnabledAdminAmongAsync(IEnumerable<UserAccount> accounts)
    {
        UserAccount? found = null;
        foreach (var account in accounts)
        {
            var (status, tokens) = await factory.PostTokenAsync(("grant_type", "password"), ("username", account.Username), ("password", account.Password));
            if (status != HttpStatusCode.OK)
            {
                continue;
            }

            using var client = factory.CreateBearerClient(tokens.Access());
            using var users = await client.GetAsync("/api/v1/users?pageSize=1");
            if (users.StatusCode == HttpStatusCode.OK)
            {
                found ??= account;
            }
        }

        return found;
    }
}

/// <summary>Each admin demotes or disables the next one, all at once (a host of its own: the admins change).</summary>
public sealed class MutualDemotionRaceTests(OrchestratorApiFactory factory) : LastAdminRaceTests(factory), IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public Task Admins_demoting_each_other_at_the_same_moment_leave_an_enabled_admin() => Admins_demoting_each_other_at_once_leave_an_enabled_admin();
}

/// <summary>One of two admins demotes both at once (a host of its own: the admins change).</summary>
public sealed class DoubleDemotionRaceTests(OrchestratorApiFactory factory) : LastAdminRaceTests(factory), IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public Task One_admin_demoting_both_admins_at_once_leaves_an_enabled_admin() => One_admin_sending_both_demotions_at_once_leaves_an_enabled_admin();
}
