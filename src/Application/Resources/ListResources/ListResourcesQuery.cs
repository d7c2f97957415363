using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// One page of the resources the caller may read. <paramref name="Tags"/> are "key:value" filters that
/// must all match. Deleted resources are left out unless <paramref name="Status"/> asks for them.
/// </summary>
[RequiresPermission(Permission.Read)]
public sealed record ListResourcesQuery(
    string? Type,
    string? Region,
    string? Status,
    IReadOnlyList<string> Tags,
    int Page = 1,
    int PageSize = ListResourcesQuery.DefaultPageSize) : IQuery<ResourcePage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>Keeps (page - 1) * pageSize within an int.</summary>
    public const int MaxPage = 1_000_000;
}

public sealed record ResourcePage(IReadOnlyList<ResourceDto> Items, int Page, int PageSize, int TotalCount);
