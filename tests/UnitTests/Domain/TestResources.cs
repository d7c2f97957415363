using Orchestrator.Domain.Resources;

namespace Orchestrator.UnitTests.Domain;

/// <summary>Valid resources to start a test from.</summary>
internal static class TestResources
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    public static Resource Ec2(Guid ownerId, IReadOnlyDictionary<string, string>? tags = null) =>
        Resource.Create(
            Guid.NewGuid(),
            "web01",
            ResourceType.Ec2,
            "us-east-1",
            tags ?? new Dictionary<string, string>(),
            new ResourceSpec { InstanceType = "t3.micro", ImageId = "ami-0123456789abcdef0" },
            ownerId,
            CreatedAt);
}
