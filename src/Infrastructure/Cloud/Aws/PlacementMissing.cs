using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>The failure of a job whose region lost its network placement after the create was accepted.</summary>
internal static class PlacementMissing
{
    public static AwsNetworkPlacement Require(AwsCloudOptions options, string region, string operation, Func<AwsNetworkPlacement, bool> complete)
    {
        var placement = options.PlacementIn(region);
        return placement is not null && complete(placement)
            ? placement
            : throw new CloudOperationFailedException(
                CloudFailureCode.PlacementMissing,
                operation,
                $"{operation} was not called: no network is configured for this region any more. Ask an operator to configure its private subnets and security groups, then retry the resource.");
    }
}
