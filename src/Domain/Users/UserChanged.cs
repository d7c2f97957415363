using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Users;

/// <summary>A change to an account, audited in the same transaction. Never carries a password or secret.</summary>
public sealed record UserChanged(Guid UserId, string Action, string Details) : IDomainEvent;
