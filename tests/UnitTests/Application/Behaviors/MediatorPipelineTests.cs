using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Resources.GetResource;
using Orchestrator.Domain.Authorization;
using Orchestrator.UnitTests.Application.Fakes;
using Orchestrator.UnitTests.Application.Validation;

namespace Orchestrator.UnitTests.Application.Behaviors;

/// <summary>
/// Requests sent through the real mediator and the real registrations. The database is a fake that
/// fails the test when touched, so each refusal here is also proof that it came before any data access.
/// </summary>
public class MediatorPipelineTests
{
    private static readonly CreateResourceCommand InvalidBody =
        CreateResourceBodies.Ec2 with { Name = "x", Spec = new() { InstanceType = "p5.48xlarge" } };

    private readonly FakeQuotaGate _gate = new();

    [Fact]
    public async Task Viewer_sending_an_invalid_body_is_forbidden_before_it_is_validated()
    {
        await Should.ThrowAsync<ForbiddenException>(async () => await Send(Role.Viewer, InvalidBody));

        _gate.Reservations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Invalid_body_is_refused_with_json_field_names_before_quota_is_reserved()
    {
        var refusal = await Should.ThrowAsync<RequestValidationException>(async () => await Send(Role.Operator, InvalidBody));

        refusal.Errors.Keys.ShouldBe(["name", "spec.instanceType"], ignoreOrder: true);
        _gate.Reservations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Refused_quota_stops_a_valid_creation_before_the_handler()
    {
        var gate = new FakeQuotaGate { Refusal = new QuotaExceededException("ec2-per-hour", "Quota used up.", null) };
        using var services = ApplicationServices.Build(FakeCurrentUser.SignedIn(Role.Operator), gate);
        await using var scope = services.CreateAsyncScope();

        await Should.ThrowAsync<QuotaExceededException>(async () =>
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(CreateResourceBodies.Ec2));
    }

    [Fact]
    public async Task A_create_that_breaks_a_deny_rule_is_refused_before_the_quota_is_reserved()
    {
        var rules = GuardrailRuleCompiler.Compile(
        [
            new GuardrailRuleDto
            {
                Id = "small-only", Description = "Only t3 instances.", Effect = "deny",
                Schema = System.Text.Json.JsonDocument.Parse("""{"properties":{"spec":{"properties":{"instanceType":{"pattern":"^t3\\."}}}}}""").RootElement.Clone(),
            },
        ]);
        using var services = ApplicationServices.Build(
            FakeCurrentUser.SignedIn(Role.Operator),
            _gate,
            replace => replace.AddSingleton<ICurrentGuardrails>(new FixedGuardrails(new GuardrailRuleSet(1, rules.Rules))));
        await using var scope = services.CreateAsyncScope();

        var refusal = await Should.ThrowAsync<GuardrailViolationException>(async () =>
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(CreateResourceBodies.Ec2 with { Spec = new() { InstanceType = "m5.large" } }));

        refusal.Violations.ShouldHaveSingleItem().ShouldBe(new GuardrailRuleResult("small-only", GuardrailOutcome.Deny, "Only t3 instances."));
        _gate.Reservations.ShouldBeEmpty();
    }

    /// <summary>A retry creates nothing, so it is answered even when the quota is used up, and takes none of it.</summary>
    [Fact]
    public async Task Retry_with_a_known_Idempotency_Key_gets_the_first_answer_without_touching_the_quota()
    {
        var gate = new FakeQuotaGate { Refusal = new QuotaExceededException("ec2-per-hour", "Quota used up.", null) };
        var first = new ResourceDto { Id = Guid.NewGuid(), Name = "web01" };
        using var services = ApplicationServices.Build(
            FakeCurrentUser.SignedIn(Role.Operator),
            gate,
            replace => replace.AddScoped<IIdempotentReplayer<CreateResourceCommand, ResourceDto>>(_ => new FakeCreateResourceReplayer { Earlier = first }));
        await using var scope = services.CreateAsyncScope();

        var answer = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(CreateResourceBodies.Ec2 with { IdempotencyKey = "order-7" });

        answer.ShouldBeSameAs(first);
    }

    [Fact]
    public async Task Anonymous_caller_is_refused_before_the_resource_is_looked_up()
    {
        using var services = ApplicationServices.Build(FakeCurrentUser.Anonymous(), _gate);
        await using var scope = services.CreateAsyncScope();

        await Should.ThrowAsync<UnauthenticatedException>(async () =>
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetResourceQuery(Guid.NewGuid())));
    }

    private async Task Send(Role role, CreateResourceCommand command)
    {
        using var services = ApplicationServices.Build(FakeCurrentUser.SignedIn(role), _gate);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
