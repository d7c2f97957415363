using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Orchestrator.WebApi.Errors;

/// <summary>
/// Turns model-binding failures (bad JSON, unknown properties, wrong value types) into the same
/// validation problem as FluentValidation's, keyed by the JSON field ("$.spec.engine" -> "spec.engine").
/// </summary>
public static class InvalidModelStateProblem
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
            {
                continue;
            }

            var field = FieldName(key);
            var messages = entry.Errors
                .Select(error => string.IsNullOrEmpty(error.ErrorMessage) ? GenericMessage(field) : error.ErrorMessage)
                .Distinct()
                .ToArray();
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. messages] : messages;
        }

        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.ValidationFailed,
            Title = "The request could not be read.",
            Detail = "The body is not valid JSON for this operation, or a field has the wrong type or is not part of it.",
        };
        return new ProblemDetailsResult(problem);
    }

    // The parser's own messages can name .NET types, so clients get these instead.
    private static string GenericMessage(string field) => field == "body"
        ? "The body is missing or is not valid JSON."
        : $"'{field}' is not a field of this request, or its value has the wrong type.";

    private static string FieldName(string key)
    {
        if (key.StartsWith("$.", StringComparison.Ordinal))
        {
            key = key[2..];
        }
        else if (key == "$" || key.Length == 0)
        {
            return "body";
        }

        // Binding keys of body parameters ("body", "body.tags") name the C# parameter, not a JSON field.
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (key.StartsWith("body", StringComparison.Ordinal) && (key.Length == 4 || dot == 4))
        {
            key = key.Length == 4 ? "body" : key[5..];
        }

        return key.Length > 0 && char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) + key[1..] : key;
    }
}
