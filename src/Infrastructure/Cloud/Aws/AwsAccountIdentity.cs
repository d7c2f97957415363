using Amazon.SecurityToken.Model;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// The account the service's credentials belong to (STS GetCallerIdentity, asked once and kept): every
/// bucket call names it as the expected owner, so a bucket of the same name in another account is never touched.
/// </summary>
public sealed class AwsAccountIdentity(AwsServiceClients clients)
{
    private volatile string? _accountId;

    public async Task<string> AccountIdAsync(string region, CancellationToken cancellationToken)
    {
        // Two first callers may both ask; they get the same answer, and it never changes.
        try
        {
            _accountId ??= (await clients.Sts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
            return _accountId;
        }
        catch (Amazon.SecurityToken.AmazonSecurityTokenServiceException exception)
        {
            throw AwsErrors.Classify(exception, "GetCallerIdentity");
        }
    }
}
