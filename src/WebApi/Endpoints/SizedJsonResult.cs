using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CommunityToolkit.HighPerformance;
using CommunityToolkit.HighPerformance.Buffers;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// A 200 response whose JSON body is serialized before it is sent, so that it carries a Content-Length and leaves
/// in one write. The framework's JSON results serialize straight into the response, which sends a body of
/// unknown length chunked: the client then has to parse chunk framing, and the closing chunk can leave in a
/// write of its own. The body is serialized in one synchronous pass into a buffer rented from the shared array pool
/// and given back once sent (a list's page of tens of KB: docs/decisions/0052-one-connection-per-list.md).
/// </summary>
/// <typeparam name="T">The body's type; serialized with the service's JSON settings (<see cref="JsonOptions"/>).</typeparam>
public sealed class SizedJsonResult<T>(T value) : IResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public const string ContentType = "application/json; charset=utf-8";

    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    /// <summary>Describes the 200 and its body type to the OpenAPI document; read when the endpoint is built.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var settings = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        using var body = new ArrayPoolBufferWriter<byte>();
        // Through a stream, so that the serializer writes with the settings' own writer options (encoder, indentation).
        using (var stream = body.AsStream())
        {
            JsonSerializer.Serialize(stream, Value, (JsonTypeInfo<T>)settings.GetTypeInfo(typeof(T)));
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.WrittenCount;
        await response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
    }
}
