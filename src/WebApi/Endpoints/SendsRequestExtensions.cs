using Mediator;
using Orchestrator.Application.Common.Security;

namespace Orchestrator.WebApi.Endpoints;

/// <summary><c>.Sends&lt;TRequest&gt;()</c>: declares, once per endpoint, the request it sends (decision 0018).</summary>
public static class SendsRequestExtensions
{
    /// <summary>
    /// Records <typeparamref name="TRequest"/> as the endpoint's request. A request declared
    /// <see cref="AllowAnonymousRequestAttribute"/> also opts the endpoint out of the "signed-in users only"
    /// fallback policy, so anonymity is stated on the request alone. The endpoint's <see cref="OperationContract"/> is derived
    /// when it is built, never per request.
    /// </summary>
    public static RouteHandlerBuilder Sends<TRequest>(this RouteHandlerBuilder endpoint)
        where TRequest : IMessage
    {
        endpoint.WithMetadata(new SendsRequestMetadata(typeof(TRequest)));

        // Last, so that what the parameters declared (a body, its media types) is already in the metadata.
        endpoint.Finally(builder => builder.Metadata.Add(OperationContract.Derive(
            typeof(TRequest),
            (builder as RouteEndpointBuilder)?.RoutePattern,
            builder.Metadata,
            builder.ApplicationServices.GetRequiredService<IServiceProviderIsService>())));
        if (RequestAccessRequirement<TRequest>.IsAnonymous)
        {
            endpoint.AllowAnonymous();
        }

        return endpoint;
    }
}
