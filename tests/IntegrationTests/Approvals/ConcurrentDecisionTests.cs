using System.Net;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using static Orchestrator.IntegrationTests.Approvals.ApprovalSteps;

namespace Orchestrator.IntegrationTests.Approvals;

/// <summary>Operators are approvers here (<c>Approvals:ApproverRoles</c>), so many different users can decide one request at once.</summary>
public sealed class OperatorApproversFactory : OrchestratorApiFactory
{
    public OperatorApproversFactory() => With("Approvals:ApproverRoles:0", "operator").With("Approvals:ExpiryEnabled", "false");
}

/// <summary>Several approvers deciding one request at the same moment: exactly one decision stands.</summary>
public sealed class ConcurrentDecisionTests(OperatorApproversFactory factory) : IClassFixture<OperatorApproversFactory>
{
    private const int Approvers = 12;

    [Fact]
    public async Task Of_many_parallel_approvals_and_rejections_one_stands_the_rest_get_409_with_one_audit_and_at_most_one_job()
    {
        await PutApprovalRuleAsync(factory);
        var approvers = new List<HttpClient>();
        for (var i = 0; i < Approvers; i++)
        {
            approvers.Add((await factory.CreateUserClientAsync("operator")).Client);
        }

        using var admin = await factory.CreateAdminClientAsync();
        try
        {
            for (var round = 0; round < 5; round++)
            {
                var (requester, _) = await factory.CreateUserClientAsync("operator");
                using var _r = requester;
                var (resourceId, approvalId) = await RequestAsync(requester, Prod($"raced{round}", "s3"));

                var answers = await AtOnce.RunAsync(Approvers, async i =>
                {
                    using var response = await DecideAsync(approvers[i], approvalId, i % 2 == 0 ? "approve" : "reject", $"approver {i}");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.Conflict)
                    {
                        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
                    }

                    return (response.StatusCode, Body: body, Approver: i);
                });

                answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join(" | ", answers.Select(a => $"{a.StatusCode} {a.Body}")));
                answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(Approvers - 1, string.Join(" | ", answers.Select(a => $"{a.StatusCode} {a.Body}")));
                var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
                var approved = winner.Approver % 2 == 0;

                var approval = await ApprovalAsync(admin, approvalId);
                approval["status"]!.GetValue<string>().ShouldBe(approved ? "approved" : "rejected");
                approval["comment"]!.GetValue<string>().ShouldBe($"approver {winner.Approver}");
                var decisions = (await AuditAsync(admin, resourceId, "approval.approved")).Count + (await AuditAsync(admin, resourceId, "approval.rejected")).Count;
                decisions.ShouldBe(1);
                (await JobsOfAsync(factory, resourceId)).ShouldBe(approved ? 1 : 0);
                (await ResourceAsync(admin, resourceId))["status"]!.GetValue<string>().ShouldBe(approved ? "pending" : "rejected");
            }
        }
        finally
        {
            approvers.ForEach(client => client.Dispose());
        }
    }
}
