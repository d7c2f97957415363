using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application;
using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Resources.DeleteResource;
using Orchestrator.Application.Resources.GetResource;
using Orchestrator.Application.Resources.ReplaceResourcePolicy;
using Orchestrator.Application.Resources.UpdateResource;
using Orchestrator.UnitTests.Architecture;

namespace Orchestrator.UnitTests.Application.Behaviors;

/// <summary>
/// Outermost first: the cheap checks that consume nothing (README, "The request pipeline"), then the answer to a lost
/// concurrency race (outside the resource policy, so a retry loads and authorizes afresh), the resource policy,
/// an idempotent replay before the quota (a retry creates nothing), the guardrails (they consume nothing), the quota
/// last. The last five are
/// constrained to the marker interface they act on, and the mediator's generator registers them only for the
/// requests that implement it: a request about one resource must always get the resource policy.
/// </summary>
public class PipelineOrderTests
{
    public static TheoryData<Type> RequestTypes() => [.. ApplicationTypes.Implementing(typeof(IMessage))];

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Every_request_runs_through_the_behaviors_its_declarations_call_for_in_the_documented_order(Type requestType)
    {
        List<Type> expected = [typeof(LoggingBehavior<,>), typeof(PermissionBehavior<,>), typeof(ValidationBehavior<,>)];
        if (typeof(IOptimisticChange).IsAssignableFrom(requestType))
        {
            expected.Add(typeof(OptimisticConcurrencyBehavior<,>));
        }

        if (typeof(IResourceRequest).IsAssignableFrom(requestType))
        {
            expected.Add(typeof(ResourcePolicyBehavior<,>));
        }

        if (typeof(IIdempotentRequest).IsAssignableFrom(requestType))
        {
            expected.Add(typeof(IdempotencyBehavior<,>));
        }

        if (typeof(IGuardrailRequest).IsAssignableFrom(requestType))
        {
            expected.Add(typeof(GuardrailBehavior<,>));
        }

        if (typeof(IQuotaRequest).IsAssignableFrom(requestType))
        {
            expected.Add(typeof(QuotaBehavior<,>));
        }

        BehaviorsOf(requestType).ShouldBe(expected);
    }

    [Fact]
    public void Each_optional_behavior_runs_for_the_requests_that_need_it()
    {
        BehaviorsOf(typeof(GetResourceQuery)).ShouldContain(typeof(ResourcePolicyBehavior<,>));
        BehaviorsOf(typeof(UpdateResourceCommand)).ShouldContain(typeof(ResourcePolicyBehavior<,>));
        BehaviorsOf(typeof(CreateResourceCommand)).ShouldContain(typeof(IdempotencyBehavior<,>));
        BehaviorsOf(typeof(CreateResourceCommand)).ShouldContain(typeof(QuotaBehavior<,>));
        BehaviorsOf(typeof(CreateResourceCommand)).ShouldContain(typeof(GuardrailBehavior<,>));
        BehaviorsOf(typeof(GetResourceQuery)).ShouldNotContain(typeof(GuardrailBehavior<,>));
        BehaviorsOf(typeof(GetResourceQuery)).ShouldNotContain(typeof(QuotaBehavior<,>));
        BehaviorsOf(typeof(UpdateResourceCommand)).ShouldContain(typeof(OptimisticConcurrencyBehavior<,>));
        BehaviorsOf(typeof(ReplaceResourcePolicyCommand)).ShouldContain(typeof(OptimisticConcurrencyBehavior<,>));
        BehaviorsOf(typeof(DeleteResourceCommand)).ShouldContain(typeof(OptimisticConcurrencyBehavior<,>));
        BehaviorsOf(typeof(GetResourceQuery)).ShouldNotContain(typeof(OptimisticConcurrencyBehavior<,>));
    }

    private static readonly ServiceDescriptor[] Registrations =
        [.. new ServiceCollection().AddApplication(new ConfigurationBuilder().Build())];

    /// <summary>
    /// The behaviors registered for a request, in registration order: the order the container returns them in,
    /// outermost first. Read from the registrations, so that no behavior's dependencies need faking.
    /// </summary>
    private static List<Type> BehaviorsOf(Type requestType) =>
    [
        .. Registrations
            .Where(registration => registration.ServiceType.IsGenericType
                && registration.ServiceType.GetGenericTypeDefinition() == typeof(IPipelineBehavior<,>)
                && registration.ServiceType.GenericTypeArguments[0] == requestType)
            .Select(registration => registration.ImplementationType!.GetGenericTypeDefinition()),
    ];
}
