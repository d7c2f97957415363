using Mediator;
using Orchestrator.Application.Authentication.IssueToken;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Resources.GetResource;
using Orchestrator.Application.Users.GetCurrentUser;

namespace Orchestrator.UnitTests.Architecture;

/// <summary>Fail closed: a request type that forgets who may send it must not get past the tests.</summary>
public class RequestDeclarationTests
{
    private static readonly Type[] AccessDeclarations =
    [
        typeof(RequiresPermissionAttribute),
        typeof(RequiresAuthenticationAttribute),
        typeof(AllowAnonymousRequestAttribute),
    ];

    /// <summary>Every concrete message type of the Application layer: ICommand, IQuery, IRequest, notifications and streams all derive from IMessage.</summary>
    private static readonly IReadOnlyList<Type> Requests = ApplicationTypes.Implementing(typeof(IMessage));

    [Fact]
    public void Request_types_are_found()
    {
        Type[] known = [typeof(CreateResourceCommand), typeof(GetResourceQuery), typeof(GetCurrentUserQuery), typeof(IssueTokenCommand)];

        known.ShouldBeSubsetOf(Requests);
    }

    [Fact]
    public void Every_request_declares_exactly_one_access_rule()
    {
        var offenders = Requests
            .Where(request => AccessDeclarations.Count(declaration => request.IsDefined(declaration, inherit: false)) != 1)
            .Select(request => request.FullName)
            .ToList();

        offenders.ShouldBeEmpty(
            "Each request type needs exactly one of [RequiresPermission], [RequiresAuthentication], [AllowAnonymousRequest]; "
            + $"these do not: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Every_request_naming_a_resource_id_goes_through_the_resource_policy()
    {
        var offenders = Requests
            .Where(request => request.GetProperty(nameof(IResourceRequest.ResourceId)) is not null)
            .Where(request => !typeof(IResourceRequest).IsAssignableFrom(request))
            .Select(request => request.FullName)
            .ToList();

        offenders.ShouldBeEmpty(
            $"A request with a ResourceId must implement {nameof(IResourceRequest)}, or nobody checks the caller may touch that resource; "
            + $"these do not: {string.Join(", ", offenders)}");
    }
}
