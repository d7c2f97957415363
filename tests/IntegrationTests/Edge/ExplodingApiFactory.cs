using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Security;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.WebApi.Security;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>An API in which GET /api/v1/me fails with an unexpected exception.</summary>
public sealed class ExplodingApiFactory : OrchestratorApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<HttpCurrentUser>();
            services.AddScoped<ICurrentUser, ExplodingCurrentUser>();
        });
    }
}
