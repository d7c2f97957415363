using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Orchestrator.WebApi.Contracts;

namespace Orchestrator.WebApi.Requests;

/// <summary>
/// The form body of the token endpoints (RFC 6749 section 4.3, RFC 7009), read by <see cref="UrlEncodedForm"/>: a
/// field may have any name; a repeated field, broken percent-encoding or bytes that are not UTF-8 make
/// <see cref="Error"/> an RFC 6749 <c>invalid_request</c> (400), and another media type one with 415.
/// </summary>
public sealed class TokenForm : IEndpointParameterMetadataProvider
{
    public const string MediaType = "application/x-www-form-urlencoded";

    private readonly IReadOnlyDictionary<string, string> _fields;

    private TokenForm(IReadOnlyDictionary<string, string> fields, JsonHttpResult<TokenErrorResponse>? error)
    {
        _fields = fields;
        Error = error;
    }

    /// <summary>The RFC 6749 error answer when the form could not be read; the endpoint returns it as is.</summary>
    public JsonHttpResult<TokenErrorResponse>? Error { get; }

    /// <summary>A field's value, or "" when it was not sent.</summary>
    public string this[string name] => _fields.GetValueOrDefault(name, string.Empty);

    public static async ValueTask<TokenForm?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "The token endpoints take application/x-www-form-urlencoded.");
        }

        // The body limit middleware bounds what this can hold (413).
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var (fields, problem) = UrlEncodedForm.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        return problem is null ? new TokenForm(fields!, error: null) : Refused(StatusCodes.Status400BadRequest, problem);
    }

    /// <summary>Tells the OpenAPI description that the endpoint takes a form and may answer 400 and 415 in RFC 6749's shape.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        // Not AcceptsMetadata: routing would then answer another media type itself, in problem+json rather than RFC 6749's shape.
        builder.Metadata.Add(new FormBodyMetadata());
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(TokenErrorResponse), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(TokenErrorResponse), ["application/json"]));
    }

    private static TokenForm Refused(int status, string description) =>
        new(new Dictionary<string, string>(), TypedResults.Json(new TokenErrorResponse("invalid_request", description), statusCode: status));
}
