using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>The signed-in user's own account.</summary>
[ApiController]
[Route("api/v1/me")]
[Produces("application/json")]
public sealed class MeController(ISender sender) : ControllerBase
{
    /// <summary>Who am I: id, username, role and whether MFA is on (any signed-in user).</summary>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpGet]
    [SendsRequest(typeof(GetCurrentUserQuery))]
    [ProducesResponseType(typeof(CurrentUserDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<CurrentUserDto> Get(CancellationToken cancellationToken) =>
        await sender.Send(new GetCurrentUserQuery(), cancellationToken);
}
