using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Users.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Users.ListUsers;

[RequiresPermission(Permission.ManageUsers)]
public sealed record ListUsersQuery(int Page = 1, int PageSize = 50) : IQuery<UserPage>;

public sealed record UserPage(IReadOnlyList<UserDto> Items, int Page, int PageSize, int TotalCount);
