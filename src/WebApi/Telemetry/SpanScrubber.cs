using System.Diagnostics;

namespace Orchestrator.WebApi.Telemetry;

/// <summary>
/// Takes out of every finished span what could name a person, an address or a resource before any exporter sees it:
/// the client's address, and the path (and an S3 virtual host's bucket label) of outgoing calls, where S3 puts bucket
/// names. Query strings are already redacted by the instrumentations.
/// </summary>
public sealed class SpanScrubber : OpenTelemetry.BaseProcessor<Activity>
{
    private static readonly string[] AddressTags = ["client.address", "client.port", "network.peer.address", "network.peer.port"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in AddressTags)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }

        if (data.Kind == ActivityKind.Client && data.GetTagItem("url.full") is string url && Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            var host = WithoutBucket(target.Host);
            data.SetTag("url.full", $"{target.Scheme}://{host}:{target.Port}/");
            data.SetTag("url.path", null);
            if (data.GetTagItem("server.address") is string)
            {
                data.SetTag("server.address", host);
            }
        }
    }

    /// <summary><c>my-bucket.s3.eu-west-1.amazonaws.com</c> becomes <c>bucket.s3.eu-west-1.amazonaws.com</c>.</summary>
    private static string WithoutBucket(string host)
    {
        var s3 = host.IndexOf(".s3.", StringComparison.OrdinalIgnoreCase);
        if (s3 < 0)
        {
            s3 = host.IndexOf(".s3-", StringComparison.OrdinalIgnoreCase);
        }

        return s3 > 0 ? "bucket" + host[s3..] : host;
    }
}
