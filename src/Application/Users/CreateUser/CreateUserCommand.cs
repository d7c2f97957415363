using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.CreateUser;

[RequiresPermission(Permission.ManageUsers)]
public sealed record CreateUserCommand(string? Username, string? Password, string? Role) : ICommand<UserDto>;
