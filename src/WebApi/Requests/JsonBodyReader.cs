using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;
using Orchestrator.Application.Common.Exceptions;

namespace Orchestrator.WebApi.Requests;

/// <summary>
/// The one JSON body reader. Every failure is the contract's answer: no body, bad JSON, a wrong type, an unknown or
/// repeated property -> 400 with <c>errors</c> keyed by the field's JSON path; another media type, or a charset whose
/// bytes do not decode -> 415. A body over the limit is refused by <c>RequestBodyLimitMiddleware</c> (413). Routing
/// already answers 415 to a media type the endpoint's <see cref="JsonBody{T}"/> does not accept; the check here
/// stands for any caller that gets past it.
/// </summary>
public static class JsonBodyReader
{
    public const string JsonMediaType = "application/json";

    /// <summary>RFC 7396: a PATCH body may also say it is a merge patch.</summary>
    public const string MergePatchMediaType = "application/merge-patch+json";

    public const string BodyField = "body";

    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static JsonTypeInfo<T> TypeInfoOf<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>The media types a body is accepted in: JSON, and for PATCH also a JSON merge patch.</summary>
    public static string[] MediaTypesFor(IEnumerable<object> endpointMetadata) =>
        endpointMetadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Patch))
            ? [JsonMediaType, MergePatchMediaType]
            : [JsonMediaType];

    public static async ValueTask<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
    {
        var request = context.Request;
        var encoding = DeclaredEncoding(request);
        var bytes = await ReadAllAsync(request, context.RequestAborted);
        if (bytes.Length == 0)
        {
            throw Unreadable(BodyField, "A JSON body is required.");
        }

        if (encoding is null)
        {
            throw new BadHttpRequestException(
                $"The body must be {JsonMediaType}{(HttpMethods.IsPatch(request.Method) ? $" or {MergePatchMediaType}" : string.Empty)}.",
                StatusCodes.Status415UnsupportedMediaType);
        }

        if (encoding.CodePage != Encoding.UTF8.CodePage)
        {
            bytes = Transcode(bytes, encoding);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo) ?? throw Unreadable(BodyField, "The body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            // The parser's own message can name .NET types; the client gets the field and a generic message.
            var field = FieldOf(exception.Path);
            throw Unreadable(field, field == BodyField
                ? "The body is not valid JSON for this operation."
                : $"'{field}' is not a field of this request, or its value has the wrong type.");
        }
    }

    /// <summary>"$.spec.instanceType" -> "spec.instanceType"; "$" or no path -> "body".</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return BodyField;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length > 0 && char.IsUpper(field[0]) ? char.ToLowerInvariant(field[0]) + field[1..] : field;
    }

    /// <summary>
    /// The encoding the Content-Type declares, with strict decoding; null when the media type is not JSON (or there is
    /// none and a body came). UTF-8 when no charset is named. A charset that is not known is a 415.
    /// </summary>
    private static Encoding? DeclaredEncoding(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !(mediaType.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
                || (HttpMethods.IsPatch(request.Method) && mediaType.MediaType.Equals(MergePatchMediaType, StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        var charset = mediaType.Charset.HasValue ? mediaType.Charset.Value!.Trim('"') : null;
        if (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return StrictUtf8;
        }

        try
        {
            return Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            throw new BadHttpRequestException($"The charset '{Truncate(charset)}' is not supported; send UTF-8.", StatusCodes.Status415UnsupportedMediaType);
        }
    }

    private static byte[] Transcode(byte[] bytes, Encoding encoding)
    {
        string text;
        try
        {
            text = encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new BadHttpRequestException(
                $"The body is not valid {encoding.WebName} as its Content-Type declares; send UTF-8.", StatusCodes.Status415UnsupportedMediaType);
        }

        // A byte order mark is the encoding's, not the document's.
        return Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
    }

    private static async Task<byte[]> ReadAllAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The body limit middleware bounds what this can hold.
        using var buffer = new MemoryStream(request.ContentLength is > 0 and <= int.MaxValue ? (int)request.ContentLength.Value : 0);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static RequestValidationException Unreadable(string field, string message) => RequestValidationException.ForField(field, message);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40];

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = BodyJsonContext.Default };
        DependencyInjection.ConfigureJson(options);
        options.MakeReadOnly();
        return options;
    }
}
