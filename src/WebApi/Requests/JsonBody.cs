using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Orchestrator.WebApi.Requests;

/// <summary>
/// An endpoint parameter holding a JSON body read by <see cref="JsonBodyReader"/>: every endpoint that takes a
/// body takes it this way, so a bad body gets the same answer everywhere (400 naming the field, 415, 413).
/// </summary>
/// <typeparam name="T">The body's contract type; it must be listed in <see cref="BodyJsonContext"/>.</typeparam>
public sealed class JsonBody<T>(T value) : IEndpointParameterMetadataProvider
    where T : class
{
    // Resolved once per body type, so reading a body costs no metadata lookup.
    private static readonly JsonTypeInfo<T> TypeInfo = JsonBodyReader.TypeInfoOf<T>();

    public T Value { get; } = value;

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context) =>
        new(await JsonBodyReader.ReadAsync(context, TypeInfo));

    /// <summary>Tells the OpenAPI description (and the error derivation) that the endpoint takes a JSON body of <typeparamref name="T"/>.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(JsonBodyReader.MediaTypesFor(builder.Metadata), typeof(T)));
}
