using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Orchestrator.Application.Common.Validation;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// Turns the rules a request's validator declares (its <see cref="IValidatorDescriptor"/>) into JSON Schema
/// keywords: lengths, patterns, inclusive ranges and required fields. Rules given as a predicate say nothing a
/// document can show and are left out; conditional rules are left out too (they do not always apply).
/// </summary>
public static class ValidationRuleSchema
{
    public static IReadOnlyList<IValidationRule> RulesFor(IValidatorDescriptor descriptor, string name) =>
        [.. descriptor.Rules.Where(rule => string.Equals(rule.PropertyName, name, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Applies the rules to <paramref name="schema"/> (a collection rule to its items); true when one makes the value required.</summary>
    public static bool Apply(OpenApiSchema schema, IEnumerable<IValidationRule> rules)
    {
        var required = false;
        foreach (var rule in rules)
        {
            var target = IsForEachRule(rule) ? schema.Items as OpenApiSchema : schema;
            if (target is null)
            {
                continue;
            }

            foreach (var component in rule.Components.Where(c => !c.HasCondition && !c.HasAsyncCondition))
            {
                required |= Apply(target, component.Validator) && ReferenceEquals(target, schema);
            }
        }

        return required;
    }

    private static bool IsForEachRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private static bool Apply(OpenApiSchema schema, IPropertyValidator validator)
    {
        switch (validator)
        {
            case INotEmptyValidator when SchemaBounds.IsString(schema):
                SchemaBounds.MinLength(schema, 1);
                schema.Type &= ~JsonSchemaType.Null;
                return true;
            case INotEmptyValidator or INotNullValidator:
                schema.Type &= ~JsonSchemaType.Null;
                return true;
            case ILengthValidator length when SchemaBounds.IsString(schema):
                if (length.Min > 0)
                {
                    SchemaBounds.MinLength(schema, length.Min);
                }

                if (length.Max >= 0)
                {
                    SchemaBounds.MaxLength(schema, length.Max);
                }

                return false;
            case IOneOfValidator oneOf when SchemaBounds.IsString(schema):
                SchemaBounds.OneOf(schema, oneOf.Values);
                return false;
            case IRegularExpressionValidator regex when SchemaBounds.IsString(schema):
                SchemaBounds.Pattern(schema, regex.Expression);
                return false;
            case IBetweenValidator { From: int from, To: int to } when SchemaBounds.IsInteger(schema) && validator.Name == "InclusiveBetweenValidator":
                SchemaBounds.Range(schema, from, to);
                return false;
            default:
                return false;
        }
    }
}
