using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Webhooks.DeleteWebhook;

/// <summary>Removes the subscription with its recorded and pending deliveries: nothing more is sent to it.</summary>
internal sealed class DeleteWebhookHandler(IApplicationDbContext db) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(w => w.Id == command.WebhookId, cancellationToken)
            ?? throw new NotFoundException($"Webhook '{command.WebhookId}' was not found.");
        subscription.NoteDeleted();
        db.WebhookSubscriptions.Remove(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new NotFoundException($"Webhook '{command.WebhookId}' was not found.");
        }

        return Unit.Value;
    }
}
