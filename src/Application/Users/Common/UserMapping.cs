using Mapster;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Users.Common;

public sealed class UserMapping : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<User, UserDto>()
            .Map(dto => dto.Role, user => user.Role.ToWireName());
}
