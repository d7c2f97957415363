using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary>
/// A list runs its statements on one opening of its context's connection (docs/decisions/0052-one-connection-per-list.md):
/// read from EF's own diagnostic events, per context, while one list request runs. Without the held connection EF opens
/// and closes the connection around each statement.
/// </summary>
public sealed class ListConnectionTests : IAsyncLifetime
{
    private readonly OrchestratorApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("page=1&pageSize=2")]
    [InlineData("page=1&pageSize=2&type=s3&tag=env:dev")]
    [InlineData("pageSize=2&cursor")]
    public async Task An_operators_list_runs_every_statement_on_one_opening_of_the_connection(string query)
    {
        var (owner, _) = await _factory.CreateUserClientAsync("operator");
        using var _o = owner;
        for (var i = 0; i < 3; i++)
        {
            await owner.CreatePendingAsync(new { name = $"held0{i}", type = "s3", region = "us-east-1", tags = new { env = "dev" } });
        }

        var path = $"/api/v1/resources?{query}";
        if (query.EndsWith("cursor", StringComparison.Ordinal))
        {
            using var first = JsonDocument.Parse(await owner.GetStringAsync("/api/v1/resources?pageSize=2"));
            path += "=" + Uri.EscapeDataString(first.RootElement.GetProperty("nextCursor").GetString()!);
        }

        using var events = new EfConnectionEvents();
        using (var response = await owner.GetAsync(path))
        {
            response.EnsureSuccessStatusCode();
        }

        ShouldRunInsideOneOpening(events, IsDenyQuestion, IsPagePositions);
    }

    [Theory]
    [InlineData("page=1&pageSize=2")]
    [InlineData("page=1&pageSize=2&action=resource.created")]
    public async Task An_admins_audit_list_counts_and_reads_its_page_on_one_opening_of_the_connection(string query)
    {
        using var admin = await _factory.CreateAdminClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await admin.CreatePendingAsync(new { name = $"audited0{i}", type = "s3", region = "us-east-1" });
        }

        using var events = new EfConnectionEvents();
        using (var response = await admin.GetAsync($"/api/v1/audit?{query}"))
        {
            response.EnsureSuccessStatusCode();
        }

        ShouldRunInsideOneOpening(events, IsAuditCount, IsAuditPage);
    }

    /// <summary>
    /// Each list a context ran, from its first statement (<paramref name="starts"/>) to the last of its page's
    /// (<paramref name="ends"/>) before the next list on that context, ran with no opening or closing of the connection in
    /// between. A context is pooled, so it serves other requests before and after, in this host and in the other hosts
    /// the suite runs at the same time; one request at a time, so nothing else runs on it inside one list.
    /// </summary>
    private static void ShouldRunInsideOneOpening(
        EfConnectionEvents events, Predicate<EfConnectionEvents.Event> starts, Predicate<EfConnectionEvents.Event> ends)
    {
        var lists = 0;
        foreach (var sequence in events.ByContext())
        {
            for (var first = sequence.FindIndex(starts); first >= 0; first = sequence.FindIndex(first + 1, starts))
            {
                var next = sequence.FindIndex(first + 1, starts);
                var last = sequence.FindLastIndex(next < 0 ? sequence.Count - 1 : next - 1, ends);
                if (last <= first)
                {
                    continue;
                }

                lists++;
                sequence[first..last].ShouldNotContain(e => e.Kind != EfConnectionEvents.Kind.Command, string.Join("\n", sequence[first..(last + 1)]));
            }
        }

        lists.ShouldBeGreaterThan(0);
    }

    // An operator's list first asks whether they hold a Deny grant, which nothing else asks, and ends with its page's
    // positions (the rows by id are read outside EF); the audit list counts, then reads its page newest first.
    private static bool IsDenyQuestion(EfConnectionEvents.Event e) =>
        IsSelect(e) && e.Sql!.Contains("EXISTS", StringComparison.Ordinal) && e.Sql.Contains("'Deny'", StringComparison.Ordinal);

    private static bool IsPagePositions(EfConnectionEvents.Event e) =>
        IsSelect(e) && e.Sql!.StartsWith("SELECT \"r\".\"CreatedAt\", \"r\".\"Id\"", StringComparison.Ordinal);

    private static bool IsAuditCount(EfConnectionEvents.Event e) =>
        IsSelect(e) && (e.Sql!.Contains("\"AuditHourCounts\"", StringComparison.Ordinal) || e.Sql.Contains("\"AuditUserCounts\"", StringComparison.Ordinal)
            || (e.Sql.Contains("COUNT(", StringComparison.Ordinal) && e.Sql.Contains("FROM \"AuditEvents\"", StringComparison.Ordinal)));

    private static bool IsAuditPage(EfConnectionEvents.Event e) =>
        IsSelect(e) && e.Sql!.Contains("FROM \"AuditEvents\"", StringComparison.Ordinal) && e.Sql.Contains("ORDER BY", StringComparison.Ordinal);

    private static bool IsSelect(EfConnectionEvents.Event e) =>
        e.Kind == EfConnectionEvents.Kind.Command && e.Sql!.TrimStart().StartsWith("SELECT", StringComparison.Ordinal);

    /// <summary>EF's connection opened and closed events and its commands, as they come, with the context each belongs to.</summary>
    private sealed class EfConnectionEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentQueue<(DbContext Context, Event Event)> _events = new();
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];

        public EfConnectionEvents() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public enum Kind
        {
            Opened,
            Closed,
            Command,
        }

        public List<List<Event>> ByContext() =>
            [.. _events.GroupBy(e => e.Context, ReferenceEqualityComparer.Instance).Select(group => group.Select(e => e.Event).ToList())];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            switch (value.Value)
            {
                case ConnectionEndEventData { Context: { } context } when value.Key == RelationalEventId.ConnectionOpened.Name:
                    _events.Enqueue((context, new Event(Kind.Opened, null)));
                    break;
                case ConnectionEndEventData { Context: { } context } when value.Key == RelationalEventId.ConnectionClosed.Name:
                    _events.Enqueue((context, new Event(Kind.Closed, null)));
                    break;
                case CommandExecutedEventData { Context: { } context } executed when value.Key == RelationalEventId.CommandExecuted.Name:
                    _events.Enqueue((context, new Event(Kind.Command, executed.Command.CommandText)));
                    break;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }

        public sealed record Event(Kind Kind, string? Sql);
    }
}
