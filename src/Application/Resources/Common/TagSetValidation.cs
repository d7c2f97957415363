using FluentValidation;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.Common;

/// <summary>The tag rules of the API contract, shared by every request that carries a tag set.</summary>
public static class TagSetValidation
{
    public static IRuleBuilderOptionsConditions<T, IReadOnlyDictionary<string, string>?> MustBeValidTagSet<T>(
        this IRuleBuilder<T, IReadOnlyDictionary<string, string>?> rule) =>
        rule.Custom((tags, context) =>
        {
            if (tags is null)
            {
                return;
            }

            if (tags.Count > ResourceRules.MaxTags)
            {
                context.AddFailure($"At most {ResourceRules.MaxTags} tags are allowed; {tags.Count} were given.");
            }

            foreach (var (key, value) in tags)
            {
                foreach (var problem in TagProblems(key, value))
                {
                    context.AddFailure(problem);
                }
            }
        });

    private static IEnumerable<string> TagProblems(string key, string? value)
    {
        var shownKey = key.Length > 40 ? key[..40] + "..." : key;
        if (key.Length is < 1 or > ResourceRules.TagKeyMaxLength)
        {
            yield return $"Tag key '{shownKey}' must be 1 to {ResourceRules.TagKeyMaxLength} characters long.";
        }

        if (!ResourceRules.HasOnlyTagCharacters(key))
        {
            yield return $"Tag key '{shownKey}' may contain only letters, digits, spaces and _ . : / = + - @.";
        }

        if (key.StartsWith(ResourceRules.AwsReservedTagPrefix, StringComparison.OrdinalIgnoreCase)
            || key.StartsWith(ResourceRules.ServiceReservedTagPrefix, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Tag key '{shownKey}' uses a reserved prefix ('aws:' or 'orchestrator:').";
        }

        if (value is null)
        {
            yield return $"Tag '{shownKey}' needs a string value.";
            yield break;
        }

        if (value.Length > ResourceRules.TagValueMaxLength)
        {
            yield return $"The value of tag '{shownKey}' must be at most {ResourceRules.TagValueMaxLength} characters long.";
        }

        if (!ResourceRules.HasOnlyTagCharacters(value))
        {
            yield return $"The value of tag '{shownKey}' may contain only letters, digits, spaces and _ . : / = + - @.";
        }
    }
}
