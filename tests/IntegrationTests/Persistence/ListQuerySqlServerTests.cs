using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit.ListAuditEvents;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// Statements as SQL Server gets them, without a server (they are only translated; docs/sql-server-at-scale.md quotes
/// them): an admin's page by one tag must be ordered by the tag row's own columns, in the order of an index of the
/// SqlServer model, so that the optimizer can read the page from that index without a sort; an audit count by time is
/// one statement over the kept hours and the events of the range's two ends.
/// </summary>
public sealed partial class ListQuerySqlServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_admins_page_by_one_tag_is_ordered_by_the_tag_rows_columns_which_an_index_keeps_in_that_order()
    {
        await using var db = NewContext();
        var query = new ListResourcesQuery("ec2", null, null, ["team:blue"]);
        var tag = ResourceListQuery.ListedBy(query, Role.Admin).ShouldNotBeNull();
        var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Guid.CreateVersion7(), Role.Admin, listedBy: tag);

        var sql = ResourceListQuery.TagPage(filtered, tag, new PagePosition(DateTimeOffset.UtcNow, Guid.CreateVersion7()), 1, 51).ToQueryString();
        output.WriteLine(sql);

        var order = OrderByTagColumns().Match(sql);
        order.Success.ShouldBeTrue(sql);
        var alias = order.Groups["alias"].Value;
        sql.ShouldContain($"INNER JOIN [ResourceTags] AS [{alias}]", Case.Sensitive, sql);
        sql.ShouldContain($"[{alias}].[Key] = @", Case.Sensitive, sql);
        sql.ShouldContain($"[{alias}].[Value] = @", Case.Sensitive, sql);
        sql.ShouldNotContain("EXISTS", Case.Insensitive, sql);
        var tags = db.Model.FindEntityType(typeof(Resource))!.FindNavigation(nameof(Resource.Tags))!.TargetEntityType;
        tags.GetIndexes().Select(index => string.Join(", ", index.Properties.Select(p => p.Name)))
            .ShouldContain("Key, Value, ResourceCreatedAt, ResourceId");
    }

    [Fact]
    public async Task An_audit_count_by_user_is_that_users_kept_slices_on_SQL_Server()
    {
        await using var db = NewContext();
        var sql = AuditEventCount.OfUser(db, Guid.NewGuid()).ToQueryString();
        output.WriteLine(sql);

        sql.ShouldContain("FROM [AuditUserCounts]", Case.Sensitive, sql);
        sql.ShouldContain("WHERE [a].[UserId] = @", Case.Sensitive, sql);
        sql.ShouldNotContain("[AuditEvents]", Case.Sensitive, sql);
    }

    [Fact]
    public async Task An_audit_count_by_time_is_the_kept_hours_and_the_events_of_its_two_ends_in_one_statement_on_SQL_Server()
    {
        await using var db = NewContext();
        var hour = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var sql = AuditEventCount.InRange(db, hour.AddMinutes(-20), hour.AddHours(24).AddMinutes(20)).ShouldNotBeNull().ToQueryString();
        output.WriteLine(sql);

        sql.ShouldContain("FROM [AuditHourCounts]", Case.Sensitive, sql);
        Regex.Matches(sql, @"FROM \[AuditEvents\]").Count.ShouldBe(2, sql);
        Regex.Matches(sql, "UNION ALL").Count.ShouldBe(2, sql);
        Regex.Matches(sql, @"\[OccurredAt\] [<>]").Count.ShouldBe(4, sql);
    }

    [Fact]
    public async Task A_page_merged_from_two_statements_breaks_ties_in_the_order_SQL_Server_sorts_uniqueidentifiers_in()
    {
        await using var db = NewContext();
        var inTheLastBytes = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var inTheFirstBytes = Guid.Parse("01000000-0000-0000-0000-000000000000");

        // SQL Server compares a uniqueidentifier's last six bytes first; Guid compares its first four first.
        db.IdOrder.Compare(inTheLastBytes, inTheFirstBytes).ShouldBeGreaterThan(0);
        Comparer<Guid>.Default.Compare(inTheLastBytes, inTheFirstBytes).ShouldBeLessThan(0);
    }

    private static SqlServerAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=unreachable.invalid;Database=Orchestrator;TrustServerCertificate=true")
            .UseFieldEncryption(new DesignTimeFieldEncryptor())
            .Options);

    [GeneratedRegex(@"ORDER BY \[(?<alias>\w+)\]\.\[ResourceCreatedAt\] DESC, \[\k<alias>\]\.\[ResourceId\] DESC")]
    private static partial Regex OrderByTagColumns();
}
