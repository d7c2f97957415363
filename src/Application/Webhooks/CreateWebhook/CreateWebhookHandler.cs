using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Application.Webhooks.CreateWebhook;

internal sealed class CreateWebhookHandler(
    IApplicationDbContext db,
    IWebhookTargetPolicy targets,
    ICurrentUser currentUser,
    IOptions<WebhookOptions> options,
    TimeProvider clock) : ICommandHandler<CreateWebhookCommand, CreatedWebhookDto>
{
    /// <summary>256 bits: above the 24 bytes the contract asks for, and HMAC-SHA256's block-size sweet spot.</summary>
    private const int SecretBytes = 32;

    public async ValueTask<CreatedWebhookDto> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var url = new Uri(command.Url!, UriKind.Absolute);
        if (await targets.RefusalAsync(url, cancellationToken) is { } refusal)
        {
            throw RequestValidationException.ForField("url", refusal);
        }

        if (await db.WebhookSubscriptions.CountAsync(cancellationToken) >= options.Value.MaxSubscriptions)
        {
            throw new ConflictException($"The service keeps at most {options.Value.MaxSubscriptions} webhook subscriptions; delete one first.");
        }

        var now = clock.GetUtcNow();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));
        var subscription = WebhookSubscription.Create(
            Guid.CreateVersion7(now), url.OriginalString, command.Events!, command.Description, secret, currentUser.UserId, now);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhookDto(subscription.Id, subscription.Url, subscription.Events, subscription.Description, subscription.CreatedAt, secret);
    }
}
