using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>A query that takes no input is one line in the endpoint table: <c>group.MapQuery&lt;TQuery, TResponse&gt;("path")</c>.</summary>
public static class QueryEndpoints
{
    public static RouteHandlerBuilder MapQuery<TQuery, TResponse>(this IEndpointRouteBuilder group, string pattern)
        where TQuery : IQuery<TResponse>, new() =>
        group.MapGet(pattern, Send<TQuery, TResponse>).Sends<TQuery>();

    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    private static async Task<TResponse> Send<TQuery, TResponse>([FromServices] ISender sender, CancellationToken cancellationToken)
        where TQuery : IQuery<TResponse>, new() =>
        await sender.Send(new TQuery(), cancellationToken);
}
