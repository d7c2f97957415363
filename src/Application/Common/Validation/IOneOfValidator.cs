namespace Orchestrator.Application.Common.Validation;

/// <summary>A rule whose accepted values are a fixed list, readable from a validator's descriptor.</summary>
public interface IOneOfValidator
{
    IReadOnlyList<string> Values { get; }
}
