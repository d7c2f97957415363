namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>PATCH /api/v1/resources/{id}</c>.</summary>
/// <param name="Tags">The new, complete tag set (it replaces the old one); {} removes every tag.</param>
public sealed record UpdateResourceTagsBody(Dictionary<string, string>? Tags);
