using FluentValidation;

namespace Orchestrator.Benchmarks.Pipeline;

/// <summary>One cheap rule, so the validation behavior runs a validator rather than skipping.</summary>
public sealed class PipelineProbeValidator : AbstractValidator<PipelineProbe>
{
    public PipelineProbeValidator() => RuleFor(p => p.Name).NotEmpty();
}
