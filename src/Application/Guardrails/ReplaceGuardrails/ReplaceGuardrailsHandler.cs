using Mediator;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Guardrails;

namespace Orchestrator.Application.Guardrails.ReplaceGuardrails;

/// <summary>
/// Adds the next version (never rewrites one), audited as <c>guardrails.changed</c> with it. Two changes from the
/// same version insert the same key: the database keeps the first, the other gets 412.
/// </summary>
internal sealed class ReplaceGuardrailsHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ReplaceGuardrailsCommand, GuardrailDocumentAnswer>
{
    public async ValueTask<GuardrailDocumentAnswer> Handle(ReplaceGuardrailsCommand command, CancellationToken cancellationToken)
    {
        var current = await db.GuardrailDocumentVersions.AsNoTracking().MaxAsync(v => (long?)v.Version, cancellationToken)
            ?? GuardrailRuleSet.ShippedDefault.Version;
        GuardrailDocumentETag.Require(command.IfMatch, current);

        var compilation = GuardrailRuleCompiler.Compile(command.Rules);
        if (!compilation.Succeeded)
        {
            throw new RequestValidationException(compilation.Errors);
        }

        var rules = command.Rules!;
        var next = current + 1;
        db.GuardrailDocumentVersions.Add(GuardrailDocumentVersion.Create(
            next, GuardrailDocumentJson.Write(rules), [.. compilation.Rules.Select(r => r.Id)], currentUser.UserId, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (db.IsUniqueConstraintViolation(exception))
        {
            throw new PreconditionFailedException("The guardrail document was changed by another request at the same time; GET it again and retry with its new ETag.");
        }

        return new GuardrailDocumentAnswer(new GuardrailDocumentDto(next, GuardrailDocumentJson.Read(GuardrailDocumentJson.Write(rules))), GuardrailDocumentETag.Of(next));
    }
}
