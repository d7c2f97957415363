using FluentValidation;
using Orchestrator.Application.Common.Validation;

namespace Orchestrator.UnitTests.Application.Validation;

internal static class ValidationErrorKeys
{
    /// <summary>
    /// The field names a client would see under <c>errors</c>: the validator's C# property paths,
    /// converted as the validation behavior converts them.
    /// </summary>
    public static string[] Of<T>(IValidator<T> validator, T instance) =>
    [
        .. validator.Validate(instance).Errors
            .Select(failure => JsonFieldNames.FromPropertyPath(failure.PropertyName))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];
}
