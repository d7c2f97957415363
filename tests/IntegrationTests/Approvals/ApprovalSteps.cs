using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.IntegrationTests.Guardrails;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Approvals;

/// <summary>The README's approval rule, and the steps of a creation that waits for an approver.</summary>
internal static class ApprovalSteps
{
    public const string ProdNeedsApproval = """
        {"id":"prod-needs-approval","description":"Production resources need an approver's yes.","effect":"requireApproval",
         "schema":{"properties":{"tags":{"properties":{"env":{"not":{"const":"prod"}}}}}}}
        """;

    public static async Task PutApprovalRuleAsync(OrchestratorApiFactory factory)
    {
        using var admin = await factory.CreateAdminClientAsync();
        await GuardrailDocuments.PutRulesAsync(admin, ProdNeedsApproval);
    }

    public static object Prod(string name, string type = "ec2") => new { name, type, region = "us-east-1", tags = new { env = "prod" } };

    /// <summary>Creates a resource that needs approval; asserts the 202 awaiting-approval answer and returns the resource and approval ids.</summary>
    public static async Task<(string ResourceId, string ApprovalId)> RequestAsync(HttpClient client, object body)
    {
        using var created = await client.CreateResourceAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        var resource = await created.ReadJsonAsync();
        resource["status"]!.GetValue<string>().ShouldBe("awaiting-approval");
        var resourceId = resource["id"]!.GetValue<string>();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/resources/{resourceId}");
        var link = created.Headers.GetValues("Link").ShouldHaveSingleItem();
        link.ShouldEndWith("; rel=\"approval\"");
        var approvalId = link[(link.IndexOf("/approvals/", StringComparison.Ordinal) + "/approvals/".Length)..link.IndexOf('>', StringComparison.Ordinal)];
        return (resourceId, approvalId);
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, string approvalId, string decision, string? comment = null) =>
        client.PostAsJsonAsync($"/api/v1/approvals/{approvalId}/{decision}", new { comment });

    public static async Task<JsonNode> ApprovalAsync(HttpClient client, string approvalId)
    {
        using var response = await client.GetAsync($"/api/v1/approvals/{approvalId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonNode> ResourceAsync(HttpClient client, string resourceId)
    {
        using var response = await client.GetAsync($"/api/v1/resources/{resourceId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<int> JobsOfAsync(OrchestratorApiFactory factory, string resourceId)
    {
        using var scope = factory.Services.CreateScope();
        var id = Guid.Parse(resourceId);
        return await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().ProvisioningJobs.CountAsync(j => j.ResourceId == id);
    }

    public static async Task<JsonArray> AuditAsync(HttpClient admin, string resourceId, string action)
    {
        using var response = await admin.GetAsync($"/api/v1/audit?resourceId={resourceId}&action={action}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }
}
