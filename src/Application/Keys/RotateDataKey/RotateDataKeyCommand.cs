using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Keys.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Keys.RotateDataKey;

[RequiresPermission(Permission.ManageKeys)]
public sealed record RotateDataKeyCommand : ICommand<KeyRotationDto>;
