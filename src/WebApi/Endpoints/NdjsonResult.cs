using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// A 200 response of newline-delimited JSON, one item per line, written while the items are read: the body is
/// never held whole, so an export of any size runs in bounded memory.
/// </summary>
/// <typeparam name="T">One line's type; serialized with the service's JSON settings (<see cref="JsonOptions"/>).</typeparam>
public sealed class NdjsonResult<T>(IAsyncEnumerable<T> items) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "application/x-ndjson";

    private const int LinesPerFlush = 200;

    /// <summary>Describes the 200 and its line type to the OpenAPI document; read when the endpoint is built.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), [ContentType]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var settings = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var typeInfo = (JsonTypeInfo<T>)settings.GetTypeInfo(typeof(T));
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;

        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body);
        var lines = 0;
        await foreach (var item in items.WithCancellation(httpContext.RequestAborted))
        {
            JsonSerializer.Serialize(writer, item, typeInfo);
            await writer.FlushAsync(httpContext.RequestAborted);
            writer.Reset();
            body.Write("\n"u8);
            if (++lines % LinesPerFlush == 0)
            {
                await body.FlushAsync(httpContext.RequestAborted);
            }
        }

        await body.FlushAsync(httpContext.RequestAborted);
    }
}
