using FluentValidation;

namespace Orchestrator.Application.Common.Validation;

public static class OneOfRules
{
    /// <summary>The value, when present, is one of <paramref name="values"/> (see <see cref="OneOfValidator{T}"/>).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeOneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.SetValidator(new OneOfValidator<T>(values));
}
