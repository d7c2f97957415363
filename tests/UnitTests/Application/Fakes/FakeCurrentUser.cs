using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.UnitTests.Application.Fakes;

internal sealed class FakeCurrentUser : ICurrentUser
{
    public bool IsAuthenticated { get; private init; }

    public Guid UserId { get; private init; }

    public Role Role { get; private init; }

    public static FakeCurrentUser Anonymous() => new();

    public static FakeCurrentUser SignedIn(Role role) => new() { IsAuthenticated = true, UserId = Guid.NewGuid(), Role = role };
}
