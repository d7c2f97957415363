using FluentValidation;
using FluentValidation.Validators;

namespace Orchestrator.Application.Common.Validation;

/// <summary>
/// A value that must be one of a fixed set (compared ordinally); null passes, as with FluentValidation's own rules.
/// A rule of its own rather than a predicate, so the API description can list the values.
/// </summary>
public sealed class OneOfValidator<T>(IReadOnlyList<string> values) : PropertyValidator<T, string?>, IOneOfValidator
{
    public IReadOnlyList<string> Values { get; } = values;

    public override string Name => "OneOfValidator";

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || Values.Contains(value, StringComparer.Ordinal);

    protected override string GetDefaultMessageTemplate(string errorCode) => "'{PropertyName}' must be one of: " + string.Join(", ", Values) + ".";
}
