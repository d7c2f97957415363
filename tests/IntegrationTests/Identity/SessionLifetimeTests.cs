using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>An API whose clock the test moves (it starts at the real time, so fresh tokens still validate).</summary>
public sealed class ClockedApiFactory : OrchestratorApiFactory
{
    public ClockedApiFactory() => With("Sessions:IdleMinutes", "30").With("Sessions:AbsoluteHours", "1");

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Refresh tokens expire when idle, and no session outlives its absolute lifetime however often it is refreshed.</summary>
public sealed class SessionLifetimeTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task An_unused_refresh_token_expires_after_the_idle_time_and_no_session_outlives_its_absolute_lifetime()
    {
        var user = await UserAccount.CreateAsync(factory);

        var idle = await factory.LoginAsync(user.Username, user.Password);
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        (await factory.RefreshAsync(idle.Refresh())).Status.ShouldBe(HttpStatusCode.BadRequest, "unused for longer than the idle time");

        var session = await factory.LoginAsync(user.Username, user.Password);
        var refresh = session.Refresh();
        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(19));
            var (status, next) = await factory.RefreshAsync(refresh);
            status.ShouldBe(HttpStatusCode.OK, $"refresh {i} within both lifetimes");
            refresh = next.Refresh();
        }

        // 57 minutes in, refreshed 3 minutes ago: idle is fine, but the session ends at one hour.
        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        (await factory.RefreshAsync(refresh)).Status.ShouldBe(HttpStatusCode.BadRequest, "past the absolute lifetime");
    }
}
