using Orchestrator.Domain.Authorization;

namespace Orchestrator.UnitTests.Domain;

public class ResourceAccessPolicyTests
{
    private static readonly Guid OwnerId = Guid.NewGuid();
    private static readonly Guid SomeoneElse = Guid.NewGuid();

    /// <summary>
    /// Role x ownership x action. A caller who may not read the resource gets Hidden (404);
    /// one who may read it but not act gets Forbidden (403).
    /// </summary>
    [Theory]
    [InlineData(Role.Admin, true, ResourceAction.Read, AccessDecision.Allowed)]
    [InlineData(Role.Admin, true, ResourceAction.Update, AccessDecision.Allowed)]
    [InlineData(Role.Admin, true, ResourceAction.Delete, AccessDecision.Allowed)]
    [InlineData(Role.Admin, false, ResourceAction.Read, AccessDecision.Allowed)]
    [InlineData(Role.Admin, false, ResourceAction.Update, AccessDecision.Allowed)]
    [InlineData(Role.Admin, false, ResourceAction.Delete, AccessDecision.Allowed)]
    [InlineData(Role.Operator, true, ResourceAction.Read, AccessDecision.Allowed)]
    [InlineData(Role.Operator, true, ResourceAction.Update, AccessDecision.Allowed)]
    [InlineData(Role.Operator, true, ResourceAction.Delete, AccessDecision.Forbidden)]
    [InlineData(Role.Operator, false, ResourceAction.Read, AccessDecision.Hidden)]
    [InlineData(Role.Operator, false, ResourceAction.Update, AccessDecision.Hidden)]
    [InlineData(Role.Operator, false, ResourceAction.Delete, AccessDecision.Hidden)]
    [InlineData(Role.Viewer, true, ResourceAction.Read, AccessDecision.Allowed)]
    [InlineData(Role.Viewer, true, ResourceAction.Update, AccessDecision.Forbidden)]
    [InlineData(Role.Viewer, true, ResourceAction.Delete, AccessDecision.Forbidden)]
    [InlineData(Role.Viewer, false, ResourceAction.Read, AccessDecision.Hidden)]
    [InlineData(Role.Viewer, false, ResourceAction.Update, AccessDecision.Hidden)]
    [InlineData(Role.Viewer, false, ResourceAction.Delete, AccessDecision.Hidden)]
    public void Decide(Role role, bool callerOwnsIt, ResourceAction action, AccessDecision expected)
    {
        var resource = TestResources.Ec2(OwnerId);
        var callerId = callerOwnsIt ? OwnerId : SomeoneElse;

        ResourceAccessPolicy.Decide(callerId, role, resource, action).ShouldBe(expected);
    }

    [Theory]
    [InlineData(ResourceAction.Read, Permission.Read)]
    [InlineData(ResourceAction.Update, Permission.Update)]
    [InlineData(ResourceAction.Delete, Permission.Delete)]
    public void Each_action_needs_its_own_permission(ResourceAction action, Permission permission) =>
        ResourceAccessPolicy.ToPermission(action).ShouldBe(permission);
}
