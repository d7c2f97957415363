using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// Signs each outgoing request with SigV4 (AWSSDK.Core's signer) for the region and service named in
/// the request's options. It sits inside the retry pipeline, so every retry is signed afresh.
/// </summary>
public sealed class AwsSigV4Handler(AWSCredentials credentials) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> RegionKey = new("aws-signing-region");
    public static readonly HttpRequestOptionsKey<string> ServiceKey = new("aws-signing-service");

    private static readonly string[] SigningHeaders = ["Authorization", "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Security-Token"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(RegionKey, out var region) || !request.Options.TryGetValue(ServiceKey, out var service))
        {
            throw new InvalidOperationException("An AWS request needs its signing region and service.");
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri!,
            Content = body,
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signingRequest.Headers["Content-Type"] = contentType.ToString();
        }

        var signed = await AWSSigV4Signer.SignAsync(
            signingRequest,
            new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.GetBySystemName(region), Service = service },
            cancellationToken);
        foreach (var name in SigningHeaders)
        {
            request.Headers.Remove(name);
        }

        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
