using Mediator;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Users.Common;
using Orchestrator.Application.Users.CreateUser;
using Orchestrator.Application.Users.GetUser;
using Orchestrator.Application.Users.ListUsers;
using Orchestrator.Application.Users.RevokeUserSessions;
using Orchestrator.Application.Users.UpdateUser;
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

    /// <summary>List users, by username (admin).</summary>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 200, default 50.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(ListUsersQuery))]
    [HttpGet]
    [ProducesResponseType(typeof(UserPage), StatusCodes.Status200OK)]
    public async Task<UserPage> List([FromQuery] int page = 1, [FromQuery] int pageSize = 50, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListUsersQuery(page, pageSize), cancellationToken);

    /// <summary>Change a user's role or disable/enable them (admin); either ends the user's sessions. The last enabled admin stays one.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="body">The changes.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(UpdateUserCommand))]
    [HttpPatch("{id:guid}")]
    [Consumes("application/json", "application/merge-patch+json")]
    [ProducesResponseType(typeof(UserDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<UserDto> Update(Guid id, [FromBody] UpdateUserBody body, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateUserCommand(id, body.Role, body.Disabled), cancellationToken);

    /// <summary>End every session of a user (admin): refresh tokens revoked, access tokens refused at once.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    [SendsRequest(typeof(RevokeUserSessionsCommand))]
    [HttpPost("{id:guid}/sessions/revoke")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> RevokeSessions(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeUserSessionsCommand(id), cancellationToken);
        return NoContent();
    }
}
