using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Keys.Common;
using Orchestrator.Application.Keys.RotateDataKey;
using Orchestrator.Application.Keys.RotateSigningKey;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>Key rotation, admins only (<c>/api/v1/admin/keys</c>). See docs/keys.md for the runbook.</summary>
public static class AdminKeyEndpoints
{
    public const string Tag = "AdminKeys";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("jwt/rotate", RotateSigningKey).Sends<RotateSigningKeyCommand>();
        group.MapPost("data/rotate", RotateDataKey).Sends<RotateDataKeyCommand>();
    }

    /// <summary>Make a new token signing key current; tokens signed by the replaced key stay valid until they expire.</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<KeyRotationDto> RotateSigningKey([FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new RotateSigningKeyCommand(), cancellationToken);

    /// <summary>Add a new data-encryption key and make it active; older keys keep decrypting what they protect.</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<KeyRotationDto> RotateDataKey([FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new RotateDataKeyCommand(), cancellationToken);
}
