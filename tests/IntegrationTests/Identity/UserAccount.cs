using System.Net;
using System.Net.Http.Json;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>A user created through the admin API for one test, with its credentials.</summary>
internal sealed record UserAccount(Guid Id, string Username, string Password)
{
    public static async Task<UserAccount> CreateAsync(OrchestratorApiFactory factory, string role = "operator")
    {
        using var admin = await factory.CreateAdminClientAsync();
        return await CreateWithAsync(admin, role);
    }

    /// <summary>Creates the user with the client of an admin.</summary>
    public static async Task<UserAccount> CreateWithAsync(HttpClient admin, string role = "operator")
    {
        var username = $"u{Guid.NewGuid():N}"[..16];
        var password = TestPasswords.Random();
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { username, password, role });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>());
        return new UserAccount(id, username, password);
    }
}
