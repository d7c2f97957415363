using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Orchestrator.Infrastructure.Secrets.Aws;

/// <summary>
/// Which answers are worth another try: the usual transient ones (network errors, 5xx, 408, 429) plus AWS's
/// throttling, which the JSON protocol answers as 400 with a throttling error code in the body.
/// </summary>
public static class SecretsManagerRetryPredicate
{
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return true;
        }

        if (outcome.Result is not { StatusCode: HttpStatusCode.BadRequest } response)
        {
            return false;
        }

        // Buffered, so that the client can still read the body of the answer that is finally returned.
        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var (code, _) = SecretsManagerErrors.Parse(response.StatusCode, errorType, body);
        return SecretsManagerErrors.Classify(code) == SecretsManagerErrorKind.Throttled;
    }
}
