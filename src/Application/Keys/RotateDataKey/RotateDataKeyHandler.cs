using Mediator;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Application.Keys.Common;

namespace Orchestrator.Application.Keys.RotateDataKey;

internal sealed class RotateDataKeyHandler(IKeyRotation rotation) : ICommandHandler<RotateDataKeyCommand, KeyRotationDto>
{
    public async ValueTask<KeyRotationDto> Handle(RotateDataKeyCommand command, CancellationToken cancellationToken) =>
        new("data", await rotation.RotateDataKeyAsync(cancellationToken));
}
