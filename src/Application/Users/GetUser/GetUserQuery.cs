using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.GetUser;

[RequiresPermission(Permission.ManageUsers)]
public sealed record GetUserQuery(Guid UserId) : IQuery<UserDto>;
