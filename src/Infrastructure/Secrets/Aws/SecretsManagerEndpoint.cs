using Microsoft.Extensions.Configuration;

namespace Orchestrator.Infrastructure.Secrets.Aws;

/// <summary>Where Secrets Manager is reached and which region requests are signed for.</summary>
public static class SecretsManagerEndpoint
{
    /// <summary>
    /// <c>Cloud:Aws:ServiceUrl</c>, else <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>, else <c>AWS_ENDPOINT_URL</c>
    /// (the SDKs' own variables), else the regional AWS endpoint.
    /// </summary>
    public static Uri Resolve(IConfiguration configuration, string region)
    {
        string?[] candidates =
        [
            configuration["Cloud:Aws:ServiceUrl"],
            configuration["AWS_ENDPOINT_URL_SECRETS_MANAGER"],
            configuration["AWS_ENDPOINT_URL"],
        ];
        var configured = candidates.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        return new Uri(configured ?? $"https://secretsmanager.{region}.amazonaws.com", UriKind.Absolute);
    }

    public static string ResolveRegion(IConfiguration configuration, AwsSecretsManagerOptions options)
    {
        string?[] candidates =
        [
            options.Region,
            configuration["Cloud:Aws:Region"],
            configuration["AWS_REGION"],
            configuration["AWS_DEFAULT_REGION"],
        ];
        return candidates.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? "us-east-1";
    }
}
