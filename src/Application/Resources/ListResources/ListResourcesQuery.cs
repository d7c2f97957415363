using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>
/// One page of the resources the caller may read. <paramref name="Tags"/> are "key:value" filters that
/// must all match. Deleted resources are left out unless <paramref name="Status"/> asks for them. With a
/// <paramref name="Cursor"/> (the <c>nextCursor</c> of the page before) the page is the resources after that one's
/// last, found by a seek instead of an offset, and nothing is counted.
/// </summary>
[RequiresPermission(Permission.Read)]
public sealed record ListResourcesQuery(
    string? Type,
    string? Region,
    string? Status,
    IReadOnlyList<string> Tags,
    int Page = 1,
    int PageSize = ListResourcesQuery.DefaultPageSize,
    string? Cursor = null) : IQuery<ResourcePage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>Keeps (page - 1) * pageSize within an int.</summary>
    public const int MaxPage = 1_000_000;
}

/// <summary>
/// A page of resources. <paramref name="Page"/> and <paramref name="TotalCount"/> answer a page number and are null
/// for a cursor; <paramref name="NextCursor"/> reads on after this page, null on the last.
/// </summary>
public sealed record ResourcePage(IReadOnlyList<ResourceDto> Items, int? Page, int PageSize, int? TotalCount, string? NextCursor);
