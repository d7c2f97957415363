using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Guardrails.GetGuardrails;
using Orchestrator.Application.Guardrails.ReplaceGuardrails;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>The organisation's rules on what may be created (<c>/api/v1/guardrails</c>; docs/decisions/0026-guardrails-as-json-schema.md).</summary>
public static class GuardrailEndpoints
{
    public const string Tag = "Guardrails";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet(string.Empty, Get).Sends<GetGuardrailsQuery>();
        group.MapPut(string.Empty, Replace).Sends<ReplaceGuardrailsCommand>();
    }

    /// <summary>
    /// The guardrail document in force (permission: read). Version 0 is the shipped default, with no rules. The ETag
    /// header is the version to send back in If-Match.
    /// </summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<GuardrailDocumentDto> Get([FromServices] ISender sender, HttpResponse response, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new GetGuardrailsQuery(), cancellationToken);
        response.Headers.ETag = answer.ETag;
        return answer.Document;
    }

    /// <summary>
    /// Replace the guardrail document (admins). Each rule is <c>{id, description, effect: deny|requireApproval,
    /// appliesTo: {roles?, types?}, schema}</c>; <c>schema</c> is a JSON Schema (2020-12) that the document
    /// <c>{name, type, region, tags, spec, expiresAt, estimatedMonthlyCost, requester: {id, role}}</c> of a create
    /// must satisfy. At most 50 rules; ids match <c>^[a-z][a-z0-9-]{0,62}$</c> and are unique; a description is 1 to
    /// 500 characters; a schema at most 16384 bytes and 32 levels deep. A schema that is not a valid 2020-12 schema is a
    /// 400 whose <c>errors</c> key names the rule (<c>rules[&lt;id&gt;].schema</c>). If-Match is required: without
    /// it 428, with a stale one 412. Every version is kept and audited (<c>guardrails.changed</c>).
    /// </summary>
    /// <param name="body">The new rules; a <c>version</c> property is ignored.</param>
    /// <param name="ifMatch">Required: the ETag of the version this change is made from.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="response">Where the ETag goes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<GuardrailDocumentDto> Replace(
        JsonBody<GuardrailDocumentBody> body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromServices] ISender sender,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new ReplaceGuardrailsCommand(body.Value.Rules, ifMatch), cancellationToken);
        response.Headers.ETag = answer.ETag;
        return answer.Document;
    }
}
