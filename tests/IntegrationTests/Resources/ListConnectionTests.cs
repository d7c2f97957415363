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

        // The list's statements read "Resources" (the count, the page's parts, the Deny question reads the grants);
        // the rows by id are read outside EF. Every context that ran two or more of them ran them inside one opening.
        var lists = events.ByContext().Where(sequence => sequence.Count(IsListStatement) >= 2).ToList();
        lists.ShouldNotBeEmpty();
        foreach (var sequence in lists)
        {
            var first = sequence.FindIndex(IsListStatement);
            var last = sequence.FindLastIndex(IsListStatement);
            sequence[first..last].ShouldNotContain(e => e.Kind != EfConnectionEvents.Kind.Command, string.Join("\n", sequence));
        }
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

        var lists = events.ByContext().Where(sequence => sequence.Count(IsAuditStatement) >= 2).ToList();
        lists.ShouldNotBeEmpty();
        foreach (var sequence in lists)
        {
            var (first, last) = (sequence.FindIndex(IsAuditStatement), sequence.FindLastIndex(IsAuditStatement));
            sequence[first..last].ShouldNotContain(e => e.Kind != EfConnectionEvents.Kind.Command, string.Join("\n", sequence));
        }
    }

    private static bool IsAuditStatement(EfConnectionEvents.Event e) =>
        e.Kind == EfConnectionEvents.Kind.Command && e.Sql!.Contains("\"Audit", StringComparison.Ordinal);

    private static bool IsListStatement(EfConnectionEvents.Event e) =>
        e.Kind == EfConnectionEvents.Kind.Command
        && (e.Sql!.Contains("\"Resources\"", StringComparison.Ordinal) || e.Sql.Contains("\"ResourcePolicyGrants\"", StringComparison.Ordinal));

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
