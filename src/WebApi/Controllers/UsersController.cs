using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Users.Common;
using Orchestrator.Application.Users.CreateUser;
using Orchestrator.Application.Users.GetUser;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.OpenApi;

namespace Orchestrator.WebApi.Controllers;

/// <summary>User management (admins only).</summary>
[ApiController]
[Route("api/v1/users")]
[Produces("application/json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class UsersController(ISender sender) : ControllerBase
{
    /// <summary>Create a user who can then log in at /token (admin).</summary>
    /// <param name="body">Username, password and role.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpPost]
    [SendsRequest(typeof(CreateUserCommand))]
    [Consumes("application/json")]
    [ProducesResponseType(typeof(UserDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] CreateUserBody body, CancellationToken cancellationToken)
    {
        var user = await sender.Send(new CreateUserCommand(body.Username, body.Password, body.Role), cancellationToken);
        return Created($"/api/v1/users/{user.Id}", user);
    }

    /// <summary>Read one user (admin).</summary>
    /// <param name="id">The user id.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [HttpGet("{id:guid}")]
    [SendsRequest(typeof(GetUserQuery))]
    [ProducesResponseType(typeof(UserDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<UserDto> Get(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetUserQuery(id), cancellationToken);
}
