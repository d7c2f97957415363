using Orchestrator.Domain.Webhooks;
using Orchestrator.Infrastructure.Webhooks;

namespace Orchestrator.UnitTests.Infrastructure.Webhooks;

public class AuditActionEventTypesTests
{
    [Theory]
    [InlineData("resource.created", "resource.created")]
    [InlineData("resource.status-changed", "resource.status-changed")]
    [InlineData("resource.deletion-requested", "resource.status-changed")]
    [InlineData("resource.expiring", "resource.expiring")]
    [InlineData("resource.expired", "resource.expired")]
    [InlineData("resource.drifted", "resource.drifted")]
    [InlineData("approval.requested", "approval.requested")]
    [InlineData("approval.approved", "approval.decided")]
    [InlineData("approval.rejected", "approval.decided")]
    [InlineData("approval.expired", "approval.decided")]
    [InlineData("account.locked", "security.lockout")]
    [InlineData("token.reuse-detected", "security.refresh-reuse")]
    public void Each_event_the_contract_lists_comes_from_its_audit_action(string action, string type) =>
        AuditActionEventTypes.For(action).ShouldBe(type);

    [Theory]
    [InlineData("resource.tags-replaced")]
    [InlineData("login.failure")]
    [InlineData("webhook.created")]
    [InlineData("access.denied")]
    public void Other_audit_actions_are_not_events(string action) => AuditActionEventTypes.For(action).ShouldBeNull();

    [Fact]
    public void Every_listed_event_type_has_an_audit_action() =>
        WebhookEventTypes.Known.ShouldAllBe(type => AuditActionEventTypes.Actions.Any(action => AuditActionEventTypes.For(action) == type));
}
