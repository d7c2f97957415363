using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Keys.Common;
using Orchestrator.Application.Keys.RotateDataKey;
using Orchestrator.Application.Keys.RotateSigningKey;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>Key rotation (admin). See docs/keys.md for the runbook.</summary>
[ApiController]
[Route("api/v1/admin/keys")]
[Produces("application/json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class AdminKeysController(ISender sender) : ControllerBase
{
    /// <summary>Make a new token signing key current; tokens signed by the replaced key stay valid until they expire.</summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(RotateSigningKeyCommand))]
    [HttpPost("jwt/rotate")]
    [ProducesResponseType(typeof(KeyRotationDto), StatusCodes.Status200OK)]
    public async Task<KeyRotationDto> RotateSigningKey(CancellationToken cancellationToken) =>
        await sender.Send(new RotateSigningKeyCommand(), cancellationToken);

    /// <summary>Add a new data-encryption key and make it active; older keys keep decrypting what they protect.</summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(RotateDataKeyCommand))]
    [HttpPost("data/rotate")]
    [ProducesResponseType(typeof(KeyRotationDto), StatusCodes.Status200OK)]
    public async Task<KeyRotationDto> RotateDataKey(CancellationToken cancellationToken) =>
        await sender.Send(new RotateDataKeyCommand(), cancellationToken);
}
