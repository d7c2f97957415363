using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.Common;

/// <summary>Between the wire form of a policy and the domain's, once the wire form has been validated.</summary>
public static class ResourcePolicyMapping
{
    public static readonly IReadOnlyList<string> Effects = Enum.GetNames<PolicyEffect>();

    public static readonly IReadOnlyList<string> GrantableActions = [.. PolicyStatement.GrantableActions.Select(a => a.ToString().ToLowerInvariant())];

    public static ResourcePolicyDto ToDto(ResourcePolicy policy) =>
        new([.. policy.Statements.Select(s => new PolicyStatementDto(
            s.Effect.ToString(),
            [.. s.Principals],
            [.. s.Actions.Select(a => a.ToString().ToLowerInvariant())]))]);

    public static ResourcePolicy ToDomain(ResourcePolicyDto dto) =>
        new([.. dto.Statements!.Select(s => new PolicyStatement(
            Enum.Parse<PolicyEffect>(s.Effect!),
            [.. s.Principals!.Select(Normalize).Distinct()],
            [.. s.Actions!.Select(ParseAction).Distinct()]))]);

    public static bool IsEffect(string? value) => value is "Allow" or "Deny";

    public static bool IsGrantableAction(string? value) =>
        PolicyStatement.GrantableActions.Any(a => string.Equals(a.ToString().ToLowerInvariant(), value, StringComparison.Ordinal));

    private static string Normalize(string principal) =>
        PolicyPrincipal.TryNormalize(principal, out var normalized) ? normalized : throw new ArgumentException("Invalid principal.", nameof(principal));

    private static ResourceAction ParseAction(string action) =>
        PolicyStatement.GrantableActions.First(a => string.Equals(a.ToString().ToLowerInvariant(), action, StringComparison.Ordinal));
}
