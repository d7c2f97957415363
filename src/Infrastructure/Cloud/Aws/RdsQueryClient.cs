using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// A thin client for the RDS Query API: form-encoded <c>Action=...&amp;Version=2014-10-31</c> POSTs,
/// XML answers, AWS error codes. Signing (<see cref="AwsSigV4Handler"/>) and retries of throttled and
/// 5xx answers are handlers of its HttpClient (see <see cref="AwsCloudRegistration"/>).
/// </summary>
public sealed class RdsQueryClient(HttpClient http, IOptions<AwsCloudOptions> options)
{
    public const string ApiVersion = "2014-10-31";

    /// <summary>Sends one action and returns the root of the XML answer; an error answer throws <see cref="RdsErrorException"/>.</summary>
    public async Task<XElement> CallAsync(string region, string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", ApiVersion) };
        form.AddRange(parameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(region)) { Content = new FormUrlEncodedContent(form) };
        request.Options.Set(AwsSigV4Handler.RegionKey, region);
        request.Options.Set(AwsSigV4Handler.ServiceKey, "rds");

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var root = Parse(text, response.StatusCode);
        if (!response.IsSuccessStatusCode || root.Name.LocalName == "ErrorResponse")
        {
            var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            throw new RdsErrorException(
                Child(error, "Code") ?? response.StatusCode.ToString(),
                Child(error, "Message") ?? "no message",
                response.StatusCode);
        }

        return root;
    }

    /// <summary>The text of the first descendant with this local name (RDS answers carry a namespace).</summary>
    public static string? Child(XElement? element, string localName) =>
        element?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    /// <summary>Adds an AWS Query list of tags: <c>Tags.Tag.1.Key</c>, <c>Tags.Tag.1.Value</c>, ...</summary>
    public static IEnumerable<KeyValuePair<string, string>> TagParameters(IReadOnlyDictionary<string, string> tags) =>
        tags.SelectMany((tag, index) => new KeyValuePair<string, string>[]
        {
            new($"Tags.Tag.{(index + 1).ToString(CultureInfo.InvariantCulture)}.Key", tag.Key),
            new($"Tags.Tag.{(index + 1).ToString(CultureInfo.InvariantCulture)}.Value", tag.Value),
        });

    private static XElement Parse(string text, HttpStatusCode status)
    {
        try
        {
            return XDocument.Parse(text).Root ?? throw new RdsErrorException("EmptyResponse", "RDS answered with an empty document.", status);
        }
        catch (System.Xml.XmlException)
        {
            // A proxy or load balancer answering HTML: keep the status so 5xx stays transient.
            throw new RdsErrorException("UnreadableResponse", $"RDS answered HTTP {(int)status} with a body that is not XML.", status);
        }
    }

    private Uri Endpoint(string region) =>
        new(options.Value.EffectiveServiceUrl() is { } serviceUrl ? serviceUrl : $"https://rds.{region}.amazonaws.com/");
}
