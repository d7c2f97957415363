using Amazon.EC2;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Provisioning;
using ResourceType = Orchestrator.Domain.Resources.ResourceType;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// For ec2: the checks a create runs before RunInstances (security groups, instance type offered, image), then
/// RunInstances itself with <c>DryRun</c> and exactly the request a create would send (<see cref="Ec2LaunchChecks.LaunchRequestAsync"/>).
/// <c>DryRunOperation</c> is AWS's "it would have succeeded". Permission for the dry run is <c>ec2:RunInstances</c>.
/// </summary>
public sealed class AwsPreflight(IServiceProvider services, ILogger<AwsPreflight> logger) : ICloudPreflight
{
    private const string DryRunSucceeded = "DryRunOperation";

    public async Task<IReadOnlyList<CloudCheck>> CheckAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        if (resource.Type != ResourceType.Ec2)
        {
            return [];
        }

        try
        {
            // Resolved here, not injected: the clients resolve the credentials, which a plan of s3 or rds never needs.
            var checks = services.GetRequiredService<Ec2LaunchChecks>();
            var clients = services.GetRequiredService<AwsServiceClients>();
            var request = await checks.LaunchRequestAsync(resource, cancellationToken);
            request.DryRun = true;
            await clients.Ec2(resource.Region).RunInstancesAsync(request, cancellationToken);

            // AWS never answers a dry run with success; an emulator that did launched nothing it was asked to keep.
            return [Passed()];
        }
        catch (AmazonEC2Exception exception) when (exception.ErrorCode == DryRunSucceeded)
        {
            return [Passed()];
        }
        catch (AmazonEC2Exception exception)
        {
            return [Failed(AwsErrors.Classify(exception, "RunInstances"), exception)];
        }
        catch (Exception exception) when (exception is CloudOperationFailedException or CloudTransientException)
        {
            return [Failed(exception, exception.InnerException ?? exception)];
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return [Failed(new CloudTransientException("RunInstances", "AWS did not answer.", exception), exception)];
        }
        catch (AmazonClientException exception)
        {
            // No credentials, a bad endpoint: the service's own configuration, which only the log may describe.
            return [Failed(exception, exception)];
        }
    }

    private static CloudCheck Passed() =>
        new(CloudCheck.RunInstancesDryRun, Passed: true, "AWS accepted a dry run of RunInstances with these settings: permission, image, instance type and network are in order.");

    private CloudCheck Failed(Exception classified, Exception logged)
    {
        var (code, operation) = classified switch
        {
            CloudOperationFailedException failed => (failed.FailureCode, failed.Operation),
            CloudTransientException transient => (CloudFailureCode.Unavailable, transient.Operation),
            _ => (CloudFailureCode.Internal, "RunInstances"),
        };

        // The requester gets the code's sentence; the provider's answer is for the log only.
        logger.LogInformation(logged, "A plan's RunInstances dry run failed with {FailureCode} at {Operation}", code, operation);
        return CloudCheck.Failed(CloudCheck.RunInstancesDryRun, code, operation);
    }
}
