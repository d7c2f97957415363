using FluentValidation;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>The spec rules per resource type; a field of another type is refused rather than ignored.</summary>
internal sealed class ResourceSpecValidator : AbstractValidator<ResourceSpecDto>
{
    public ResourceSpecValidator(ResourceType type, CloudCatalogOptions catalog)
    {
        var typeName = ResourceWireNames.Of(type);
        var notForType = $"is not a setting of {typeName} resources.";

        RuleFor(s => s.InstanceType)
            .Must(value => value is null || type == ResourceType.Ec2).WithMessage($"'spec.instanceType' {notForType}")
            .Must(value => value is null || catalog.AllowedInstanceTypes.Contains(value))
            .WithMessage($"'spec.instanceType' must be one of: {string.Join(", ", catalog.AllowedInstanceTypes)}.");

        RuleFor(s => s.ImageId)
            .Must(value => value is null || type == ResourceType.Ec2).WithMessage($"'spec.imageId' {notForType}")
            .Must(value => value is null || ResourceRules.IsValidImageId(value))
            .WithMessage("'spec.imageId' must look like ami-0123456789abcdef0.");

        RuleFor(s => s.Engine)
            .Must(value => value is null || type == ResourceType.Rds).WithMessage($"'spec.engine' {notForType}")
            .Must(value => value is null || ResourceRules.DatabaseEngines.Contains(value))
            .WithMessage($"'spec.engine' must be one of: {string.Join(", ", ResourceRules.DatabaseEngines)}.");

        RuleFor(s => s.InstanceClass)
            .Must(value => value is null || type == ResourceType.Rds).WithMessage($"'spec.instanceClass' {notForType}")
            .Must(value => value is null || catalog.AllowedDbInstanceClasses.Contains(value))
            .WithMessage($"'spec.instanceClass' must be one of: {string.Join(", ", catalog.AllowedDbInstanceClasses)}.");

        RuleFor(s => s.AllocatedStorage)
            .Must(value => value is null || type == ResourceType.Rds).WithMessage($"'spec.allocatedStorage' {notForType}")
            .InclusiveBetween(ResourceRules.MinAllocatedStorage, ResourceRules.MaxAllocatedStorage)
            .WithMessage($"'spec.allocatedStorage' must be between {ResourceRules.MinAllocatedStorage} and {ResourceRules.MaxAllocatedStorage} (GiB).");

        RuleFor(s => s.Versioning)
            .Must(value => value is null || type == ResourceType.S3).WithMessage($"'spec.versioning' {notForType}");
    }
}
