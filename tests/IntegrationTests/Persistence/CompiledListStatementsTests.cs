using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Domain.Authorization;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// A list's compiled statements (one per shape of filters, docs/decisions/0062-filtered-lists-compiled-per-shape.md) are the
/// statements the same list composed: the same SQL with the same values in the same places. So the plan tests, which
/// explain composed lists, speak for the compiled ones, and a filter put in the wrong parameter fails here.
/// </summary>
public sealed partial class CompiledListStatementsTests : IAsyncLifetime
{
    private static readonly PagePosition Position = new(DateTimeOffset.UtcNow, Guid.CreateVersion7());

    private static readonly Guid Caller = Guid.CreateVersion7();

    private MigratedSqliteFile _database = null!;

    public async Task InitializeAsync() => _database = await MigratedSqliteFile.CreateAsync("compiled-lists");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Lists by: type, status, region (comma-separated filters), tags (<c>|</c>-separated), each tag asked from its index or not.</summary>
    public static TheoryData<string, string, bool, bool> Lists => new()
    {
        { "", "", false, false },
        { "ec2", "", false, true },
        { ",active", "", false, false },
        { "rds,active", "", false, true },
        { ",,eu-west-1", "", false, false },
        { "", "team:a", false, false },
        { "", "team:a", true, true },
        { "s3,active,us-east-1", "team:a|env:prod", false, false },
        { "s3,,us-east-1", "team:a|env:prod", true, true },
        { "", "team:a|env:prod|cost:x", false, true },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task An_admins_page_and_count_are_the_composed_statements(string filters, string tags, bool fromTagIndex, bool byCursor)
    {
        var query = Query(filters, tags);
        var after = byCursor ? Position : (PagePosition?)null;

        var compiled = await StatementsAsync(db => ResourceListQuery.PageAsync(db, query, Caller, Role.Admin, _ => fromTagIndex, after, 2, 50, CancellationToken.None));
        var composed = await StatementsAsync(db =>
        {
            var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Caller, Role.Admin, _ => fromTagIndex);
            return ResourceListQuery.Page(after is { } position ? ResourceListQuery.After(filtered, position) : filtered, 2, 50).ToListAsync();
        });

        Normalized(compiled).ShouldBe(Normalized(composed));

        // An admin's count is read from the kept counts but for a list by region or by several tags.
        if (query.Region is not null || query.Tags.Count > 1)
        {
            var count = await StatementsAsync(db => ResourceListQuery.CountAsync(db, query, Caller, Role.Admin, CancellationToken.None));
            var composedCount = await StatementsAsync(db =>
                ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Caller, Role.Admin, fromTagIndex: _ => true).CountAsync());
            Normalized(count).ShouldBe(Normalized(composedCount));
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task An_operators_parts_page_and_count_are_the_composed_statements(string filters, string tags, bool fromTagIndex, bool byCursor)
    {
        var query = Query(filters, tags);
        var after = byCursor ? Position : (PagePosition?)null;
        foreach (var readable in new[] { ReadableResources.WithDenials, ReadableResources.WithoutDenials })
        {
            // A page within reach of both parts: the first pages of each, merged; a deep one: one statement over both.
            var parts = await StatementsAsync(db => ResourceListQuery.PageAsync(
                db, query, Caller, Role.Operator, readable, _ => fromTagIndex, after, 2, 50, CancellationToken.None));
            var composedParts = await StatementsAsync(async db =>
            {
                var (owned, granted) = ResourceListQuery.Parts(db.Resources.AsNoTracking(), query, Caller, Role.Operator, readable, _ => fromTagIndex);
                await ResourceListQuery.Page(after is { } position ? ResourceListQuery.After(owned, position) : owned, 1, 100).ToListAsync();
                await ResourceListQuery.Page(after is { } position2 ? ResourceListQuery.After(granted, position2) : granted, 1, 100).ToListAsync();
            });
            Normalized(parts).ShouldBe(Normalized(composedParts));

            var deep = await StatementsAsync(db => ResourceListQuery.PageAsync(
                db, query, Caller, Role.Operator, readable, _ => fromTagIndex, after, 30, 50, CancellationToken.None));
            var composedDeep = await StatementsAsync(db =>
            {
                var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Caller, Role.Operator, _ => fromTagIndex, readable: readable);
                return ResourceListQuery.Page(after is { } position ? ResourceListQuery.After(filtered, position) : filtered, 30, 50).ToListAsync();
            });
            Normalized(deep).ShouldBe(Normalized(composedDeep));

            // An unfiltered operator's count is read from the kept counts.
            if (filters.Length > 0 || tags.Length > 0)
            {
                var count = await StatementsAsync(db => ResourceListQuery.CountAsync(db, query, Caller, Role.Operator, readable, CancellationToken.None));
                var composedCount = await StatementsAsync(db => ResourceListQuery.Filtered(
                    db.Resources.AsNoTracking(), query, Caller, Role.Operator, fromTagIndex: _ => true, readable: readable).CountAsync());
                Normalized(count).ShouldBe(Normalized(composedCount));
            }
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("ec2,active,us-east-1", true)]
    public async Task An_admins_page_listed_by_its_tag_is_the_composed_statement(string filters, bool byCursor)
    {
        var query = Query(filters, "team:a");
        var tag = ResourceListQuery.ListedBy(query, Role.Admin).ShouldNotBeNull();
        var after = byCursor ? Position : (PagePosition?)null;

        var compiled = await StatementsAsync(db => ResourceListQuery.TagPageAsync(db, query, Caller, Role.Admin, ReadableResources.WithDenials, tag, after, 3, 50, CancellationToken.None));
        var composed = await StatementsAsync(db => ResourceListQuery.TagPage(
            ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Caller, Role.Admin, listedBy: tag), tag, after, 3, 50).ToListAsync());

        Normalized(compiled).ShouldBe(Normalized(composed));
        Normalized(compiled).ShouldHaveSingleItem().ShouldContain("'a'");
    }

    private static ListResourcesQuery Query(string filters, string tags)
    {
        var parts = filters.Split(',');
        string? Part(int index) => index < parts.Length && parts[index].Length > 0 ? parts[index] : null;
        return new ListResourcesQuery(Type: Part(0), Region: Part(2), Status: Part(1), tags.Length == 0 ? [] : tags.Split('|'));
    }

    private async Task<IReadOnlyList<string>> StatementsAsync(Func<SqliteAppDbContext, Task> run)
    {
        var recorder = new StatementRecorder();
        await using (var db = _database.NewContext(recorder: recorder))
        {
            await run(db);
        }

        return recorder.Statements;
    }

    /// <summary>Each statement's SQL with every parameter written as its value, so that statements with differently named parameters compare.</summary>
    private static List<string> Normalized(IReadOnlyList<string> statements) => [.. statements.Select(statement =>
    {
        var values = ParameterLine().Matches(statement).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        var sql = ParameterLine().Replace(statement, "");
        return ParameterName().Replace(sql, m => values.TryGetValue(m.Value, out var value) ? $"'{value}'" : m.Value).Trim();
    })];

    [GeneratedRegex(@"^\.param set (?<name>@\w+) '(?<value>[^\n]*)'\n", RegexOptions.Multiline)]
    private static partial Regex ParameterLine();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();
}
