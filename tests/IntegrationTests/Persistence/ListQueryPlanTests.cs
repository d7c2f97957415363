using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit.Common;
using Orchestrator.Application.Audit.ListAuditEvents;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Domain.Authorization;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The resource list's and the audit log's statements on a real SQLite file, as the handlers build them: each is
/// a seek or an in-order walk of an index, never a read of every row and never a sort of every match
/// (docs/decisions/0035-keyset-pagination-and-covering-indexes.md). A plan that regresses here is silent elsewhere.
/// </summary>
public sealed class ListQueryPlanTests : IAsyncLifetime
{
    private const string ListIndex = "IX_Resources_CreatedAt_Id_Status_Type_OwnerId";

    private static readonly PagePosition Position = new(DateTimeOffset.UtcNow, Guid.CreateVersion7());

    private MigratedSqliteFile _database = null!;

    public async Task InitializeAsync() => _database = await MigratedSqliteFile.CreateAsync("list-plans");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_admins_cursor_page_seeks_to_its_position_in_the_list_order()
    {
        var statement = await StatementAsync(db => ResourceListQuery.PageAsync(db, Query(), Guid.CreateVersion7(), Role.Admin, _ => false, Position, 1, 51, CancellationToken.None));
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, statement);

        plan.ShouldContain(step => step.Contains($"SEARCH r USING COVERING INDEX {ListIndex} (CreatedAt<?)"), Show(plan));
        ShouldNotSort(plan);
        ShouldReadNoTableWhole(plan);
    }

    [Theory]
    [InlineData(false, "(OwnerId=?)")]
    [InlineData(true, "(OwnerId=? AND CreatedAt<?)")]
    public async Task An_operators_unfiltered_page_reads_their_own_resources_in_the_owner_index_order_and_their_granted_ones_by_id(
        bool byCursor, string ownedSeek)
    {
        var statements = await StatementsAsync(db => ResourceListQuery.PageAsync(
            db, Query(), Guid.CreateVersion7(), Role.Operator, _ => false, byCursor ? Position : null, 3, 50, CancellationToken.None));
        await using var db = _database.NewContext();

        statements.Count.ShouldBe(2);
        var owned = await PlanAsync(db, statements[0]);
        var granted = await PlanAsync(db, statements[1]);

        // The caller's own resources: a range of the owner index, already in the list order, read no further than the page's end.
        owned.ShouldContain(step => step == $"SEARCH r USING COVERING INDEX IX_Resources_OwnerId_CreatedAt_Id_Status {ownedSeek}", Show(owned));
        ShouldNotSort(owned);

        // The granted ones: one seek per grant, from the grants' principal index.
        granted.ShouldContain(step => step.Contains("SEARCH r USING INDEX sqlite_autoindex_Resources_1 (Id=?)"), Show(granted));
        granted.ShouldContain(step => step.Contains("USING INDEX IX_ResourcePolicyGrants_Principal_Action_Effect"), Show(granted));
        ShouldReadNoTableWhole(owned);
        ShouldReadNoTableWhole(granted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_operators_page_and_count_without_a_deny_to_ask_read_no_deny_grants(bool byCursor)
    {
        var userId = Guid.CreateVersion7();
        var without = ReadableResources.WithoutDenials;
        var page = await StatementsAsync(db => ResourceListQuery.PageAsync(
            db, Query(), userId, Role.Operator, without, _ => false, byCursor ? Position : null, 1, 50, CancellationToken.None));
        var count = await StatementAsync(db => ResourceListQuery.CountAsync(db, Query(), userId, Role.Operator, without, CancellationToken.None));
        var asked = await StatementsAsync(async db => await ReadableResources.ForCallerAsync(db, userId, Role.Operator, CancellationToken.None));
        await using var db = _database.NewContext();

        page.Count.ShouldBe(2);
        var owned = await PlanAsync(db, page[0]);
        var granted = await PlanAsync(db, page[1]);
        var counted = await PlanAsync(db, count);

        // Their own: the owner index alone, with no grant looked up; the granted: the Allow grants' one lookup, no Deny's.
        owned.ShouldAllBe(step => !step.Contains("ResourcePolicyGrants", StringComparison.Ordinal), Show(owned));
        ShouldNotSort(owned);
        granted.Count(step => step.Contains("IX_ResourcePolicyGrants_Principal_Action_Effect", StringComparison.Ordinal)).ShouldBe(1, Show(granted));
        counted.Count(step => step.Contains("IX_ResourcePolicyGrants_Principal_Action_Effect", StringComparison.Ordinal)).ShouldBe(1, Show(counted));
        page.ShouldAllBe(statement => !statement.Contains("'Deny'", StringComparison.Ordinal));
        count.ShouldNotContain("'Deny'");

        // The question itself is one statement, a seek in the grants' principal index.
        var question = await PlanAsync(db, asked.ShouldHaveSingleItem());
        question.ShouldContain(step => step.Contains("USING INDEX IX_ResourcePolicyGrants_Principal_Action_Effect (Principal=? AND Action=? AND Effect=?)"), Show(question));
        ShouldReadNoTableWhole(question);
    }

    [Theory]
    [InlineData("ec2", null, "IX_Resources_OwnerId_")]
    [InlineData(null, "active", "IX_Resources_OwnerId_CreatedAt_Id_Status (OwnerId=?)")]
    [InlineData("ec2", "active", "IX_Resources_OwnerId_Type_Status (OwnerId=? AND Type=? AND Status=?)")]
    public async Task An_operators_page_and_count_filtered_by_type_or_status_read_their_own_by_owner_and_the_granted_from_the_grants(
        string? type, string? status, string ownedIndex)
    {
        var query = Query(type, status);
        var userId = Guid.CreateVersion7();
        var page = await StatementsAsync(db => ResourceListQuery.PageAsync(db, query, userId, Role.Operator, _ => false, null, 2, 50, CancellationToken.None));
        var count = await StatementAsync(db => ResourceListQuery.CountAsync(db, query, userId, Role.Operator, CancellationToken.None));
        await using var db = _database.NewContext();

        page.Count.ShouldBe(2);
        var owned = await PlanAsync(db, page[0]);
        var granted = await PlanAsync(db, page[1]);
        var counted = await PlanAsync(db, count);

        owned.ShouldContain(step => step.StartsWith("SEARCH r USING ", StringComparison.Ordinal) && step.Contains(ownedIndex), Show(owned));
        // The granted part starts from the grants' principal index and reads each granted resource by id.
        granted.ShouldContain(step => step == "SEARCH r USING INDEX sqlite_autoindex_Resources_1 (Id=?)", Show(granted));
        granted.ShouldContain(step => step.Contains("USING INDEX IX_ResourcePolicyGrants_Principal_Action_Effect"), Show(granted));
        counted.ShouldContain(step => step.Contains(ownedIndex), Show(counted));
        foreach (var plan in new[] { owned, granted, counted })
        {
            ShouldWalkNoStatusOrTypeOfTheFleet(plan);
            ShouldReadNoTableWhole(plan);
        }
    }

    [Fact]
    public async Task An_operators_deep_filtered_page_by_number_is_one_statement_over_both_parts()
    {
        var statement = await StatementAsync(db => ResourceListQuery.PageAsync(
            db, Query(status: "active"), Guid.CreateVersion7(), Role.Operator, _ => false, null, 21, 50, CancellationToken.None));
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, statement);

        plan.ShouldContain(step => step.Contains("IX_Resources_OwnerId_CreatedAt_Id_Status (OwnerId=?)"), Show(plan));
        plan.ShouldContain(step => step.Contains("USING INDEX IX_ResourcePolicyGrants_Principal_Action_Effect"), Show(plan));
        ShouldWalkNoStatusOrTypeOfTheFleet(plan);
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task An_operators_deep_page_by_number_is_one_statement_so_that_no_part_is_held_in_memory_to_be_merged()
    {
        // Page 21 of 50 ends 1,050 entries in, past what a page read in two parts may reach.
        var statement = await StatementAsync(db => ResourceListQuery.PageAsync(db, Query(), Guid.CreateVersion7(), Role.Operator, _ => false, null, 21, 50, CancellationToken.None));
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, statement);

        plan.ShouldContain(step => step.Contains("USING COVERING INDEX IX_Resources_OwnerId_CreatedAt_Id_Status (OwnerId=?)"), Show(plan));
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task A_deep_page_by_number_walks_the_list_index_that_holds_the_filter_columns()
    {
        var statement = await StatementAsync(db => ResourceListQuery.PageAsync(db, Query(), Guid.CreateVersion7(), Role.Admin, _ => false, null, 2_000, 50, CancellationToken.None));
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, statement);

        // Status (and type, owner) are in the index, so the rows the offset skips are decided on the index entry.
        plan.ShouldContain(step => step.Contains($"SCAN r USING COVERING INDEX {ListIndex}"), Show(plan));
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task A_pages_rows_are_read_by_one_seek_per_id_and_their_tags_by_one_seek_per_resource()
    {
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, PreparedSqliteResourceReader.ByIdsSql);

        // The ids drive the read (json_each first); no sort: the reader puts the rows in the order asked.
        plan[0].ShouldStartWith("SCAN j VIRTUAL TABLE", customMessage: Show(plan));
        plan.ShouldContain(step => step.Contains("SEARCH r USING INDEX sqlite_autoindex_Resources_1 (Id=?)"), Show(plan));
        plan.ShouldContain(step => step.Contains("SEARCH t USING INDEX sqlite_autoindex_ResourceTags_1 (ResourceId=?)"), Show(plan));
        ShouldNotSort(plan);
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task The_admins_count_reads_an_index_not_the_rows()
    {
        await using var db = _database.NewContext();
        var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), Query(), Guid.CreateVersion7(), Role.Admin);

        var plan = await PlanAsync(db, filtered.Select(r => 1).ToQueryString());

        plan.ShouldContain(step => step.StartsWith("SCAN r USING COVERING INDEX", StringComparison.Ordinal), Show(plan));
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task An_operators_unfiltered_count_reads_their_kept_count_and_seeks_only_their_grants()
    {
        var statement = await StatementAsync(db => ResourceListQuery.CountAsync(db, Query(), Guid.CreateVersion7(), Role.Operator, CancellationToken.None));
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, statement);

        // One kept row by its key; the denied and granted resources by one seek per grant. Nothing the caller owns is read.
        plan.ShouldContain(step => step.Contains("OwnedResourceCounts") && step.EndsWith("(OwnerId=?)", StringComparison.Ordinal), Show(plan));
        plan.ShouldContain(step => step.Contains("USING INDEX IX_ResourcePolicyGrants_Principal_Action_Effect"), Show(plan));
        plan.ShouldNotContain(step => step.Contains("IX_Resources_OwnerId_", StringComparison.Ordinal), Show(plan));
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task An_admins_count_by_type_and_status_reads_the_kept_counts_and_seeks_only_what_a_deny_hides()
    {
        var sql = await AdminsCountStatementAsync(Query());
        await using var db = _database.NewContext();
        var plan = await PlanAsync(db, sql);

        // The kept counts (alias r) are a few rows per type and status, read whole; the resources (r0) only where a Deny
        // grant points.
        sql.ShouldContain("FROM \"ResourceCounts\" AS \"r\"");
        plan.ShouldContain("SCAN r", Show(plan));
        plan.ShouldContain(step => step.StartsWith("SEARCH r0 USING INDEX sqlite_autoindex_Resources_1 (Id=?)", StringComparison.Ordinal), Show(plan));
        plan.ShouldNotContain(step => step == "SCAN r0" || step == "SCAN r1", Show(plan));
    }

    [Fact]
    public async Task An_admins_count_by_one_tag_reads_that_tags_kept_counts_and_seeks_only_what_a_deny_hides()
    {
        var sql = await AdminsCountStatementAsync(new ListResourcesQuery(null, null, null, ["team:team07"]));
        await using var db = _database.NewContext();
        var plan = await PlanAsync(db, sql);

        // One range of the kept counts' primary key (the tag's key and value), and the resources only where a Deny points.
        sql.ShouldContain("FROM \"ResourceTagCounts\" AS \"r\"");
        plan.ShouldContain(step => step.StartsWith("SEARCH r USING INDEX sqlite_autoindex_ResourceTagCounts_1 (Key=? AND Value=?)", StringComparison.Ordinal), Show(plan));
        plan.ShouldContain(step => step.StartsWith("SEARCH r0 USING INDEX sqlite_autoindex_Resources_1 (Id=?)", StringComparison.Ordinal), Show(plan));
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task A_page_filtered_by_type_and_status_is_a_seek_already_in_the_list_order()
    {
        await using var db = _database.NewContext();
        var query = Query(type: "ec2", status: "active");
        var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Guid.CreateVersion7(), Role.Admin);

        var page = await PlanAsync(db, ResourceListQuery.Page(filtered, 2, 50).ToQueryString());
        var count = await PlanAsync(db, filtered.Select(r => 1).ToQueryString());

        page.ShouldContain(step => step.Contains("SEARCH r USING COVERING INDEX IX_Resources_Type_Status_CreatedAt_Id (Type=? AND Status=?)"), Show(page));
        ShouldNotSort(page);
        count.ShouldContain(step => step.Contains("SEARCH r USING COVERING INDEX IX_Resources_Type_Status_CreatedAt_Id (Type=? AND Status=?)"), Show(count));
    }

    [Theory]
    [InlineData(null, "active", false, "IX_Resources_Status_CreatedAt_Id (Status=?)")]
    [InlineData(null, "active", true, "IX_Resources_Status_CreatedAt_Id (Status=? AND CreatedAt<?)")]
    [InlineData("ec2", null, false, "IX_Resources_Type_CreatedAt_Id_Status (Type=?)")]
    [InlineData("ec2", null, true, "IX_Resources_Type_CreatedAt_Id_Status (Type=? AND CreatedAt<?)")]
    public async Task An_admins_page_filtered_by_status_or_type_alone_is_a_seek_already_in_the_list_order(
        string? type, string? status, bool byCursor, string seek)
    {
        var statement = await StatementAsync(db => ResourceListQuery.PageAsync(
            db, Query(type, status), Guid.CreateVersion7(), Role.Admin, _ => false, byCursor ? Position : null, 2, 50, CancellationToken.None));
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, statement);

        // A status or a type is a large part of the fleet: read in the list order and stopped after the page, never read whole and sorted.
        plan.ShouldContain(step => step == $"SEARCH r USING COVERING INDEX {seek}", Show(plan));
        ShouldNotSort(plan);
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task A_page_filtered_by_a_common_tag_walks_the_list_order_and_one_by_a_rare_tag_starts_from_the_tag_index()
    {
        await using var db = _database.NewContext();
        var query = new ListResourcesQuery(null, null, null, ["team:blue"]);
        var common = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Guid.CreateVersion7(), Role.Admin);
        var rare = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Guid.CreateVersion7(), Role.Admin, fromTagIndex: _ => true);

        var walked = await PlanAsync(db, ResourceListQuery.Page(common, 1, 50).ToQueryString());
        var fromIndex = await PlanAsync(db, ResourceListQuery.Page(rare, 1, 50).ToQueryString());

        // Walking the list index stops after one page; the probe per resource is what makes it cost the fleet when the tag is rare.
        walked.ShouldContain(step => step.Contains($"SCAN r USING COVERING INDEX {ListIndex}"), Show(walked));
        walked.ShouldContain(step => step.StartsWith("CORRELATED", StringComparison.Ordinal), Show(walked));
        fromIndex.ShouldContain(step => step.Contains("USING COVERING INDEX IX_ResourceTags_Key_Value_ResourceCreatedAt_ResourceId (Key=? AND Value=?)"), Show(fromIndex));
        fromIndex.ShouldNotContain(step => step.StartsWith("CORRELATED", StringComparison.Ordinal), Show(fromIndex));
        ShouldReadNoTableWhole(fromIndex);
    }

    [Fact]
    public async Task Whether_a_tag_is_within_a_cursor_pages_reach_is_one_range_of_the_tag_index()
    {
        var query = new ListResourcesQuery(null, null, null, ["team:blue"]);
        var statement = await StatementAsync(db => ResourceListQuery.TagsWithinReachAsync(db, query, 51, CancellationToken.None));
        await using var db = _database.NewContext();

        var plan = await PlanAsync(db, statement);

        plan.ShouldContain(step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains("(Key=? AND Value=?)"), Show(plan));
        ShouldNotSort(plan);
        ShouldReadNoTableWhole(plan);
        statement.ShouldContain("LIMIT");
    }

    [Fact]
    public async Task An_admins_page_by_one_tag_walks_the_tag_index_in_the_list_order_and_seeks_each_resource_by_id()
    {
        await using var db = _database.NewContext();
        var query = new ListResourcesQuery("ec2", null, null, ["team:blue"]);
        var tag = ResourceListQuery.ListedBy(query, Role.Admin).ShouldNotBeNull();
        var filtered = ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Guid.CreateVersion7(), Role.Admin, listedBy: tag);

        var page = await PlanAsync(db, ResourceListQuery.TagPage(filtered, tag, null, 3, 50).ToQueryString());
        var cursorPage = await PlanAsync(db, ResourceListQuery.TagPage(filtered, tag, Position, 1, 51).ToQueryString());

        page.ShouldContain(step => step.Contains("USING COVERING INDEX IX_ResourceTags_Key_Value_ResourceCreatedAt_ResourceId (Key=? AND Value=?)"), Show(page));
        cursorPage.ShouldContain(step => step.Contains("USING COVERING INDEX IX_ResourceTags_Key_Value_ResourceCreatedAt_ResourceId (Key=? AND Value=? AND ResourceCreatedAt<?)"), Show(cursorPage));
        foreach (var plan in new[] { page, cursorPage })
        {
            plan.ShouldContain(step => step.StartsWith("SEARCH r USING INDEX sqlite_autoindex_Resources_1 (Id=?)", StringComparison.Ordinal), Show(plan));
            plan.ShouldNotContain(step => step.StartsWith("CORRELATED", StringComparison.Ordinal), Show(plan));
            ShouldNotSort(plan);
            ShouldReadNoTableWhole(plan);
        }
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Operator)]
    public async Task A_count_filtered_by_tag_reads_only_the_resources_the_tag_index_names(Role role)
    {
        await using var db = _database.NewContext();
        var query = new ListResourcesQuery(null, null, null, ["team:blue"]);

        var count = await PlanAsync(db, ResourceListQuery.Filtered(db.Resources.AsNoTracking(), query, Guid.CreateVersion7(), role, fromTagIndex: _ => true).Select(r => 1).ToQueryString());

        // The tag index is asked once for the ids; a correlated probe per resource would read the whole fleet to count 1 % of it.
        count.ShouldContain(step => step.Contains("USING COVERING INDEX IX_ResourceTags_Key_Value_ResourceCreatedAt_ResourceId (Key=? AND Value=?)"), Show(count));
        count.ShouldNotContain(step => step.Contains("CORRELATED", StringComparison.Ordinal), Show(count));
        ShouldReadNoTableWhole(count);
    }

    [Theory]
    [InlineData("resource", "IX_AuditEvents_ResourceId_OccurredAt_Id (ResourceId=?")]
    [InlineData("user", "IX_AuditEvents_UserId_OccurredAt_Id (UserId=?")]
    [InlineData("action", "IX_AuditEvents_Action_OccurredAt_Id (Action=?")]
    [InlineData("time range", "IX_AuditEvents_OccurredAt_Id (OccurredAt>? AND OccurredAt<?)")]
    public async Task Audit_pages_cursor_pages_and_counts_are_ranges_of_one_index_in_the_log_order(string filter, string seek)
    {
        await using var db = _database.NewContext();
        var events = filter switch
        {
            "resource" => db.AuditEvents.AsNoTracking().Matching(null, Guid.CreateVersion7(), null, null, null),
            "user" => db.AuditEvents.AsNoTracking().Matching(Guid.CreateVersion7(), null, null, null, null),
            "action" => db.AuditEvents.AsNoTracking().Matching(null, null, "resource.created", null, null),
            _ => db.AuditEvents.AsNoTracking().Matching(null, null, null, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow),
        };

        var page = await PlanAsync(db, ListAuditEventsHandler.Page(events, 3, 50).ToQueryString());
        var cursorPage = await PlanAsync(db, ListAuditEventsHandler.Page(ListAuditEventsHandler.After(events, Position), 1, 51).ToQueryString());
        var count = await PlanAsync(db, events.Select(e => 1).ToQueryString());

        foreach (var plan in new[] { page, cursorPage })
        {
            ShouldReadNoTableWhole(plan);
            plan.ShouldContain(step => step.Contains("SEARCH a USING INDEX " + seek), Show(plan));
            plan.ShouldNotContain(step => step.Contains("TEMP B-TREE"), Show(plan));
        }

        count.ShouldContain(step => step.Contains("SEARCH a USING COVERING INDEX " + seek), Show(count));
    }

    [Fact]
    public async Task An_audit_count_by_time_reads_the_kept_counts_of_its_whole_hours_and_the_time_index_for_its_ends()
    {
        await using var db = _database.NewContext();
        var hour = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var statement = AuditEventCount.InRange(db, hour.AddMinutes(-20), hour.AddHours(24).AddMinutes(20)).ShouldNotBeNull().ToQueryString();

        var plan = await PlanAsync(db, statement);

        plan.ShouldContain(step => step.Contains("SEARCH a USING PRIMARY KEY (Hour>? AND Hour<?)"), Show(plan));
        plan.Count(step => step.Contains("USING COVERING INDEX IX_AuditEvents_OccurredAt_Id (OccurredAt>? AND OccurredAt<?)")).ShouldBe(2, Show(plan));
        // Each end bounded by its own two times only, so the seek is that partial hour whichever bounds SQLite picks.
        Regex.Matches(statement, "\"OccurredAt\" [<>]").Count.ShouldBe(4, statement);
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task An_audit_count_by_user_reads_that_users_kept_counts_by_their_primary_key()
    {
        await using var db = _database.NewContext();
        var statement = AuditEventCount.OfUser(db, Guid.NewGuid()).ToQueryString();

        var plan = await PlanAsync(db, statement);

        plan.ShouldContain(step => step.Contains("SEARCH a USING PRIMARY KEY (UserId=?)"), Show(plan));
        plan.ShouldNotContain(step => step.Contains("AuditEvents"), Show(plan));
        ShouldReadNoTableWhole(plan);
    }

    [Fact]
    public async Task An_unfiltered_audit_cursor_page_seeks_to_its_position_in_the_time_index()
    {
        await using var db = _database.NewContext();
        var events = db.AuditEvents.AsNoTracking().Matching(null, null, null, null, null);

        var plan = await PlanAsync(db, ListAuditEventsHandler.Page(ListAuditEventsHandler.After(events, Position), 1, 51).ToQueryString());

        plan.ShouldContain(step => step.Contains("SEARCH a USING INDEX IX_AuditEvents_OccurredAt_Id (OccurredAt<?)"), Show(plan));
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE"), Show(plan));
    }

    /// <summary>The statement an admin's count runs (a compiled query, which has no <c>ToQueryString</c>), as the service runs it.</summary>
    private Task<string> AdminsCountStatementAsync(ListResourcesQuery query) =>
        StatementAsync(db => ResourceListQuery.CountAsync(db, query, Guid.CreateVersion7(), Role.Admin, CancellationToken.None));

    /// <summary>The one statement <paramref name="run"/> runs, as the service runs it (compiled queries have no <c>ToQueryString</c>).</summary>
    private async Task<string> StatementAsync(Func<SqliteAppDbContext, Task> run) => (await StatementsAsync(run)).ShouldHaveSingleItem();

    /// <summary>The statements <paramref name="run"/> runs, in order, as the service runs them.</summary>
    private async Task<IReadOnlyList<string>> StatementsAsync(Func<SqliteAppDbContext, Task> run)
    {
        var recorder = new StatementRecorder();
        await using (var db = _database.NewContext(recorder: recorder))
        {
            await run(db);
        }

        return recorder.Statements;
    }

    private static ListResourcesQuery Query(string? type = null, string? status = null) => new(type, null, status, []);

    /// <summary>No step reads the resources or the audit events row by row (<c>SCAN r</c> alone, as opposed to <c>SCAN r USING ... INDEX</c>).</summary>
    private static void ShouldReadNoTableWhole(List<string> plan) => plan.ShouldNotContain(step => step == "SCAN r" || step == "SCAN r0" || step == "SCAN a", Show(plan));

    /// <summary>
    /// No step walks a status's or a type's range, which holds a large part of the fleet: a caller who reads their own and
    /// granted resources is read from the owner's indexes and the grants (docs/decisions/0050-fixed-planner-statistics.md).
    /// </summary>
    private static void ShouldWalkNoStatusOrTypeOfTheFleet(List<string> plan) =>
        plan.ShouldNotContain(step => step.Contains("IX_Resources_Status", StringComparison.Ordinal) || step.Contains("IX_Resources_Type_Status", StringComparison.Ordinal), Show(plan));

    /// <summary>A resource page's positions come from an index already in the list order: no sort of the matching resources.</summary>
    private static void ShouldNotSort(List<string> plan) =>
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), Show(plan));

    private static string Show(List<string> plan) => string.Join(" | ", plan);

    private static Task<List<string>> PlanAsync(SqliteAppDbContext db, string statement) => QueryPlan.ExplainAsync(db, statement);
}
