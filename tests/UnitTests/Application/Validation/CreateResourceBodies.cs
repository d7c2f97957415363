using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Lifecycle;
using Orchestrator.Application.Resources.CreateResource;

namespace Orchestrator.UnitTests.Application.Validation;

/// <summary>Minimal valid create bodies of each type, to change one field at a time.</summary>
internal static class CreateResourceBodies
{
    public static CreateResourceCommand Ec2 { get; } = new("web01", "ec2", "us-east-1", null, null, null);

    public static CreateResourceCommand S3 { get; } = new("logs01", "s3", "eu-west-2", null, null, null);

    public static CreateResourceCommand Rds { get; } = new("db01", "rds", "eu-central-1", null, null, null);

    public static CreateResourceValidator Validator(Action<CloudCatalogOptions>? configure = null, LifecycleOptions? lifecycle = null, TimeProvider? clock = null)
    {
        var catalog = new CloudCatalogOptions();
        configure?.Invoke(catalog);
        catalog.ApplyDefaults();
        return new CreateResourceValidator(Options.Create(catalog), Options.Create(lifecycle ?? new LifecycleOptions()), clock ?? TimeProvider.System);
    }

    public static Dictionary<string, string> Tags(int count) =>
        Enumerable.Range(1, count).ToDictionary(i => $"key{i}", i => $"value{i}");
}
