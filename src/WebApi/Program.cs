using Orchestrator.Application;
using Orchestrator.Infrastructure;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.WebApi;
using Orchestrator.WebApi.Middleware;
using Orchestrator.WebApi.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.DefaultLimit;
});

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddWebApi()
    .AddTrustedProxyForwarding(builder.Configuration);

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
}

app.UseTrustedProxyForwarding();
app.UseExceptionHandler();
app.UseClientRateLimit(app.Configuration);
app.UseStatusCodePages();
app.UseMiddleware<RequestBodyLimitMiddleware>(RequestBodyLimitMiddleware.DefaultLimit);
app.UseOrchestratorSwagger();
app.UseRouting();
app.UseMiddleware<UnmatchedRouteMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapOrchestratorHealthChecks();

await app.RunAsync();
