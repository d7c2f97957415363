using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Common.Security;

/// <summary>The caller of the current request, taken from the validated access token's claims.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid UserId { get; }

    Role Role { get; }
}
