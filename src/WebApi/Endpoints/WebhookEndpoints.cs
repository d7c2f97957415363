using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Application.Webhooks.CreateWebhook;
using Orchestrator.Application.Webhooks.DeleteWebhook;
using Orchestrator.Application.Webhooks.GetWebhook;
using Orchestrator.Application.Webhooks.ListWebhookDeliveries;
using Orchestrator.Application.Webhooks.ListWebhooks;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>Event subscriptions and their deliveries, admins only (<c>/api/v1/webhooks</c>; docs/decisions/0031-events-and-webhooks.md).</summary>
public static class WebhookEndpoints
{
    public const string Tag = "Webhooks";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost(string.Empty, Create).Sends<CreateWebhookCommand>();
        group.MapGet(string.Empty, List).Sends<ListWebhooksQuery>();
        group.MapGet("{id:guid}", Get).Sends<GetWebhookQuery>();
        group.MapDelete("{id:guid}", Delete).Sends<DeleteWebhookCommand>();
        group.MapGet("{id:guid}/deliveries", Deliveries).Sends<ListWebhookDeliveriesQuery>();
    }

    /// <summary>
    /// Subscribe a URL to events (admin). Events: resource.created, resource.status-changed, resource.expiring,
    /// resource.expired, resource.drifted, approval.requested, approval.decided, security.lockout,
    /// security.refresh-reuse, or * for all. Each is POSTed as <c>{type, timestamp, data}</c>, signed by the Standard
    /// Webhooks specification with the <c>secret</c> of this answer, which is shown only here. The URL must be https
    /// and resolve to public addresses only, unless Webhooks:AllowedHosts lists its host (400 otherwise). Audited
    /// (<c>webhook.created</c>).
    /// </summary>
    /// <param name="body">The URL, the event types and a description.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Created<CreatedWebhookDto>> Create(JsonBody<CreateWebhookBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        var (url, events, description) = body.Value;
        var webhook = await sender.Send(new CreateWebhookCommand(url, events, description), cancellationToken);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/webhooks/{webhook.Id}", webhook);
    }

    /// <summary>List the subscriptions, oldest first (admin); never their secrets.</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 200, default 50.</param>
    public static async Task<WebhookPage> List(
        [FromServices] ISender sender, CancellationToken cancellationToken, [FromQuery] int page = 1, [FromQuery] int pageSize = 50) =>
        await sender.Send(new ListWebhooksQuery(page, pageSize), cancellationToken);

    /// <summary>Read one subscription (admin); never its secret.</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<WebhookDto> Get(Guid id, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetWebhookQuery(id), cancellationToken);

    /// <summary>Delete a subscription with its delivery records (admin): nothing more is sent to it. Audited (<c>webhook.deleted</c>).</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> Delete(Guid id, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteWebhookCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The delivery attempts of a subscription, newest first (admin): each attempt made (succeeded or failed, with the
    /// receiver's status when it answered) and the next one scheduled (pending, at its due time).
    /// </summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 200, default 50.</param>
    public static async Task<WebhookDeliveryPage> Deliveries(
        Guid id, [FromServices] ISender sender, CancellationToken cancellationToken, [FromQuery] int page = 1, [FromQuery] int pageSize = 50) =>
        await sender.Send(new ListWebhookDeliveriesQuery(id, page, pageSize), cancellationToken);
}
