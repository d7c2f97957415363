using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Users.Common;
using Orchestrator.Application.Users.CreateUser;
using Orchestrator.Application.Users.GetUser;
using Orchestrator.Application.Users.ListUsers;
using Orchestrator.Application.Users.ResetUserMfa;
using Orchestrator.Application.Users.RevokeUserSessions;
using Orchestrator.Application.Users.UnlockUser;
using Orchestrator.Application.Users.UpdateUser;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Requests;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>User management, admins only (<c>/api/v1/users</c>).</summary>
public static class UserEndpoints
{
    public const string Tag = "Users";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost(string.Empty, Create).Sends<CreateUserCommand>();
        group.MapGet("{id:guid}", Get).Sends<GetUserQuery>();
        group.MapGet(string.Empty, List).Sends<ListUsersQuery>();
        group.MapPatch("{id:guid}", Update).Sends<UpdateUserCommand>();
        group.MapPost("{id:guid}/sessions/revoke", RevokeSessions).Sends<RevokeUserSessionsCommand>();
        group.MapPost("{id:guid}/mfa/reset", ResetMfa).Sends<ResetUserMfaCommand>();
        group.MapPost("{id:guid}/unlock", Unlock).Sends<UnlockUserCommand>();
    }

    /// <summary>Create a user who can then log in at /token (admin).</summary>
    /// <param name="body">Username, password and role.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<Created<UserDto>> Create(JsonBody<CreateUserBody> body, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        var (username, password, role) = body.Value;
        var user = await sender.Send(new CreateUserCommand(username, password, role), cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", user);
    }

    /// <summary>Read one user (admin).</summary>
    /// <param name="id">The user id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<UserDto> Get(Guid id, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetUserQuery(id), cancellationToken);

    /// <summary>List users, by username (admin).</summary>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <param name="page">From 1.</param>
    /// <param name="pageSize">1 to 200, default 50.</param>
    public static async Task<UserPage> List(
        [FromServices] ISender sender, CancellationToken cancellationToken, [FromQuery] int page = 1, [FromQuery] int pageSize = 50) =>
        await sender.Send(new ListUsersQuery(page, pageSize), cancellationToken);

    /// <summary>Change a user's role or disable/enable them (admin); either ends the user's sessions. The last enabled admin stays one.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="body">The changes.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<UserDto> Update(Guid id, JsonBody<UpdateUserBody> body, [FromServices] ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateUserCommand(id, body.Value.Role, body.Value.Disabled), cancellationToken);

    /// <summary>End every session of a user (admin): refresh tokens revoked, access tokens refused at once.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> RevokeSessions(Guid id, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeUserSessionsCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Turn a user's MFA off (a lost authenticator): their recovery codes are deleted and every session of theirs ends (admin).</summary>
    /// <param name="id">The user id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> ResetMfa(Guid id, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new ResetUserMfaCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>End a user's lockout and clear their failed-attempt count (admin).</summary>
    /// <param name="id">The user id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public static async Task<NoContent> Unlock(Guid id, [FromServices] ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new UnlockUserCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
