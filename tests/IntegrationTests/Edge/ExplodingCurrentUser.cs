using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;
using Orchestrator.WebApi.Security;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>
/// The real caller, except that reading the user id fails with an exception whose message holds things
/// a client must never see: an unexpected failure deep inside a use case.
/// </summary>
public sealed class ExplodingCurrentUser(HttpCurrentUser inner) : ICurrentUser
{
    public const string SecretMessage = "Server=db.internal;Password=hunter2 failed in /work/src/Secret.cs:line 42";

    public bool IsAuthenticated => inner.IsAuthenticated;

    public Guid UserId => throw new InvalidOperationException(SecretMessage);

    public Role Role => inner.Role;
}
