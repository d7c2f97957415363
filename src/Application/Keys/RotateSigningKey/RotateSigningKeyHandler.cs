using Mediator;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Application.Keys.Common;

namespace Orchestrator.Application.Keys.RotateSigningKey;

internal sealed class RotateSigningKeyHandler(IKeyRotation rotation) : ICommandHandler<RotateSigningKeyCommand, KeyRotationDto>
{
    public async ValueTask<KeyRotationDto> Handle(RotateSigningKeyCommand command, CancellationToken cancellationToken) =>
        new("jwt", await rotation.RotateSigningKeyAsync(cancellationToken));
}
