using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Bench.Scale;
using Orchestrator.Infrastructure;
using Orchestrator.Infrastructure.Persistence;

// Usage: Orchestrator.Bench.Scale <data directory> [backlog]. The directory must hold a database the API has already
// started on once (migrated, bootstrap admin, key ring); counts come from SCALE_* variables (SeedCounts). With
// `backlog`, only the provisioning backlog is added to a fleet seeded before.
if (args.Length is not (1 or 2) || (args.Length == 2 && args[1] != "backlog"))
{
    Console.Error.WriteLine("usage: Orchestrator.Bench.Scale <data directory> [backlog]");
    return 2;
}

var dataDirectory = Path.GetFullPath(args[0]);
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = dataDirectory, ["Database:Provider"] = "Sqlite" })
    .Build();
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(configuration);
services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = dataDirectory, EnvironmentName = "Production" });
services.AddLogging();
services.AddInfrastructure(configuration);
await using var provider = services.BuildServiceProvider();
await using var scope = provider.CreateAsyncScope();

var counts = SeedCounts.FromEnvironment();
var password = Environment.GetEnvironmentVariable("SCALE_USER_PASSWORD") ?? "scale-Operator-Pw7xQ2mZk9";
var total = Stopwatch.StartNew();
var seeder = new ScaleSeeder(
    scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<IPasswordHasher>(), counts, Console.Error);
if (args.Length == 2)
{
    await seeder.RunBacklogAsync(CancellationToken.None);
}
else
{
    await seeder.RunAsync(password, CancellationToken.None);
}

Console.Error.WriteLine($"[seed] done in {total.Elapsed.TotalSeconds:F0} s");
return 0;
