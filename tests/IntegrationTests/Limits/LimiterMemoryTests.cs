using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.IntegrationTests.Abuse;
using Orchestrator.IntegrationTests.Identity;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Limits;

/// <summary>
/// The in-process limiter's memory under a flood of distinct unauthenticated usernames: its key count stays under
/// its cap and the managed heap stays flat. The bulk goes straight to the login throttle /token uses (a hundred
/// thousand HTTP requests would take minutes); samples before and after go over HTTP.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class LimiterMemoryTests(ITestOutputHelper output)
{
    private const int Flood = 100_000;

    /// <summary>
    /// Growth allowed in the live managed heap between the end of warm-up (the table already full) and the end.
    /// Without the cap the hundred thousand keys held each a log: tens of megabytes, far beyond this.
    /// </summary>
    private const double HeapRatioBound = 1.25;

    [Fact]
    public async Task A_hundred_thousand_distinct_usernames_leave_the_limiter_under_its_cap_and_the_heap_flat()
    {
        using var factory = new OrchestratorApiFactory()
            .With("Lockout:AttemptsPerUsernamePerMinute", "10")
            .With("Logging:LogLevel:Default", "Warning");
        var store = factory.Services.GetRequiredService<InMemoryLimiterStore>();
        var cap = store.MaxKeysPerFamily;
        await ProbeOverHttpAsync(factory, "before", 50);

        var heapBefore = Heap();
        using var scope = factory.Services.CreateScope();
        var throttle = scope.ServiceProvider.GetRequiredService<ILoginThrottle>();
        await FloodAsync(throttle, "warm", 2 * cap);
        var heapAfterWarmUp = Heap();

        var clock = Stopwatch.StartNew();
        await FloodAsync(throttle, "flood", Flood);
        var seconds = clock.Elapsed.TotalSeconds;
        await ProbeOverHttpAsync(factory, "after", 50);
        var heapAtEnd = Heap();

        var loginKeys = store.KeyCountOf("login");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Flood} usernames in {seconds:F1} s; login keys {loginKeys} (cap {cap}); managed heap {Mb(heapBefore)} MB before, {Mb(heapAfterWarmUp)} MB with the table full, {Mb(heapAtEnd)} MB at the end (ratio {(double)heapAtEnd / heapAfterWarmUp:F3}); about {(heapAfterWarmUp - heapBefore) / cap} bytes per key"));

        loginKeys.ShouldBeLessThanOrEqualTo(cap);
        seconds.ShouldBeLessThan(30);
        ((double)heapAtEnd / heapAfterWarmUp).ShouldBeLessThan(HeapRatioBound);
    }

    // Distinct unknown usernames of the longest allowed length, each a counted failure.
    private static async Task FloodAsync(ILoginThrottle throttle, string label, int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await throttle.TryBeginAsync(Username(label, i), CancellationToken.None)).ShouldNotBeNull();
        }
    }

    private static async Task ProbeOverHttpAsync(OrchestratorApiFactory factory, string label, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (status, body) = await factory.PostTokenAsync(("grant_type", "password"), ("username", Username(label, i)), ("password", "not the password of anyone"));
            status.ShouldBe(HttpStatusCode.BadRequest);
            body["error"]!.GetValue<string>().ShouldBe("invalid_grant");
        }
    }

    private static string Username(string label, int i) => string.Create(CultureInfo.InvariantCulture, $"{label}-{i:D7}-").PadRight(64, 'x');

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);
}
