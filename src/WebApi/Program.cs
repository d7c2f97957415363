using Orchestrator.Application;
using Orchestrator.Infrastructure;
using Orchestrator.Infrastructure.Backup;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Sessions;
using Orchestrator.Infrastructure.Storage;
using Orchestrator.WebApi;
using Orchestrator.WebApi.Edge;
using Orchestrator.WebApi.Endpoints;
using Orchestrator.WebApi.Middleware;
using Orchestrator.WebApi.OpenApi;
using Orchestrator.WebApi.Telemetry;

// `backup` and `restore` run instead of the service, with the service's configuration (docs/operating.md).
if (OperatorCommand.Parse(args) is { } command)
{
    var commandBuilder = WebApplication.CreateBuilder(command.ConfigurationArguments);
    return await command.RunAsync(commandBuilder.Configuration, commandBuilder.Environment, Console.Out, Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.DefaultLimit;
    kestrel.ConfigureEndpointDefaults(listen => listen.UseSecurityHeadersOnEarlyResponses());
});

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddWebApi()
    .AddOrchestratorHealthChecks(builder.Configuration)
    .AddOrchestratorCors(builder.Configuration)
    .AddTrustedProxies(builder.Configuration)
    .AddOrchestratorTelemetry(builder.Configuration);
ManagementAddress.Listen(builder);

var app = builder.Build();

// Held while the service runs: restore refuses to replace the data directory under a running instance.
using var running = ServiceRunningLock.HoldWhileRunning(app.Services.GetRequiredService<DataDirectory>(), app.Configuration);

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    await scope.ServiceProvider.GetRequiredService<TokenRevocationWarmup>().RunAsync(app.Lifetime.ApplicationStopping);
}

// The management address answers /metrics (and 404) before anything of the public pipeline runs.
ManagementAddress.MapManagement(app);

// Forwarded headers first, so everything after sees the real client address and scheme; security
// headers next, so every response below, errors included, carries them; CORS before authentication.
app.UseTrustedProxies();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler();
app.UseRequestAdmission(app.Configuration);
app.UseStatusCodePages();
app.UseCors();
app.UseMiddleware<RequestBodyLimitMiddleware>(RequestBodyLimitMiddleware.DefaultLimit);
app.UseOrchestratorSwagger();
app.UseRouting();
app.UseMiddleware<UnmatchedRouteMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<AdminMfaRequirementMiddleware>();
app.MapApi();
app.MapOrchestratorHealthChecks();

await app.RunAsync();
return OperatorExitCodes.Done;
