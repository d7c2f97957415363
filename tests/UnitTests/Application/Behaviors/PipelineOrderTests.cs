using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Authentication.IssueToken;
using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Resources.GetResource;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.Domain.Authorization;
using Orchestrator.UnitTests.Application.Fakes;

namespace Orchestrator.UnitTests.Application.Behaviors;

public class PipelineOrderTests
{
    /// <summary>
    /// Outermost first: the cheap checks that consume nothing (docs/architecture.md), then
    /// an idempotent replay before the quota (a retry creates nothing), the quota last.
    /// </summary>
    private static readonly Type[] ExpectedOrder =
    [
        typeof(LoggingBehavior<,>),
        typeof(PermissionBehavior<,>),
        typeof(ValidationBehavior<,>),
        typeof(ResourcePolicyBehavior<,>),
        typeof(IdempotencyBehavior<,>),
        typeof(QuotaBehavior<,>),
    ];

    [Theory]
    [InlineData(typeof(CreateResourceCommand))]
    [InlineData(typeof(GetResourceQuery))]
    [InlineData(typeof(GetCurrentUserQuery))]
    [InlineData(typeof(IssueTokenCommand))]
    public void Every_request_runs_through_the_behaviors_in_the_documented_order(Type requestType)
    {
        using var services = ApplicationServices.Build(FakeCurrentUser.SignedIn(Role.Operator), new FakeQuotaGate());
        using var scope = services.CreateScope();

        var behaviors = scope.ServiceProvider.GetServices(BehaviorServiceType(requestType));

        behaviors.Select(behavior => behavior!.GetType().GetGenericTypeDefinition()).ShouldBe(ExpectedOrder);
    }

    /// <summary>IPipelineBehavior&lt;TRequest, TResponse&gt;, with the response type the request declares.</summary>
    private static Type BehaviorServiceType(Type requestType)
    {
        var responseType = requestType.GetInterfaces()
            .Where(contract => contract.IsGenericType)
            .Single(contract => contract.GetGenericTypeDefinition() is var definition
                && (definition == typeof(ICommand<>) || definition == typeof(IQuery<>) || definition == typeof(IRequest<>)))
            .GetGenericArguments()[0];
        return typeof(IPipelineBehavior<,>).MakeGenericType(requestType, responseType);
    }
}
