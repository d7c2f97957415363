using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Authentication.IssueToken;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>The OAuth2 token endpoint (RFC 6749), form-encoded, answering in RFC 6749's own JSON shapes.</summary>
[ApiController]
[AllowAnonymous]
[Route("token")]
[Produces("application/json")]
public sealed class TokenController(ISender sender) : ControllerBase
{
    /// <summary>Password grant: <c>grant_type=password&amp;username=..&amp;password=..</c>.</summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpPost]
    [SendsRequest(typeof(IssueTokenCommand))]
    [ProducesResponseType(typeof(TokenResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(TokenErrorResponse), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(TokenErrorResponse), StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> Issue(CancellationToken cancellationToken)
    {
        // RFC 6749 5.1: token responses must never be cached.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";

        if (!Request.HasFormContentType)
        {
            return StatusCode(
                StatusCodes.Status415UnsupportedMediaType,
                new TokenErrorResponse("invalid_request", "The token endpoint takes application/x-www-form-urlencoded."));
        }

        var form = await Request.ReadFormAsync(cancellationToken);

        // RFC 6749 3.2: parameters must not be sent more than once.
        if (form.Any(field => field.Value.Count > 1))
        {
            return BadRequest(new TokenErrorResponse("invalid_request", "A parameter was sent more than once."));
        }

        var result = await sender.Send(
            new IssueTokenCommand(form["grant_type"].ToString(), form["username"].ToString(), form["password"].ToString()),
            cancellationToken);

        return result.Succeeded
            ? Ok(new TokenResponse(result.AccessToken!, "Bearer", result.ExpiresIn))
            : BadRequest(new TokenErrorResponse(result.Error!, result.ErrorDescription));
    }
}
