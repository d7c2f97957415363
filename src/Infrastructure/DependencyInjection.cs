using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Audit.VerifyAuditChain;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Infrastructure.Approvals;
using Orchestrator.Infrastructure.Auditing;
using Orchestrator.Infrastructure.Cloud;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;
using Orchestrator.Infrastructure.Pricing;
using Orchestrator.Infrastructure.Retention;
using Orchestrator.Infrastructure.Secrets;
using Orchestrator.Infrastructure.Security;
using Orchestrator.Infrastructure.Sessions;
using Orchestrator.Infrastructure.Storage;
using Orchestrator.Infrastructure.Webhooks;

namespace Orchestrator.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DataDirectory>();
        AddPersistence(services, configuration);

        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !string.IsNullOrWhiteSpace(o.Audience), "Jwt:Issuer and Jwt:Audience are required.")
            .Validate(o => o.AccessTokenMinutes is >= 1 and <= 60, "Jwt:AccessTokenMinutes must be between 1 and 60.")
            .Validate(o => o.ClockSkewSeconds is >= 0 and <= 30, "Jwt:ClockSkewSeconds must be between 0 and 30.")
            .ValidateOnStart();
        services.AddSecrets(configuration);
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<IPageCursorSeal, PageCursorSeal>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();

        services.AddSessions(configuration);

        services.AddLimits(configuration);

        CloudRegistration.AddCloud(services, configuration);
        services.AddPricing(configuration);
        services.AddRetention(configuration);
        services.AddApprovalExpiry(configuration);

        // Deliveries run wherever the other background work does (Provisioning:Enabled).
        services.AddWebhooks(configuration, workers: configuration.GetValue("Provisioning:Enabled", true));
        return services;
    }

    /// <summary>
    /// Contexts are pooled: the options are built once and a context is reset and reused rather than built per
    /// request (building options and a context's internal services was most of a simple read's cost). A pooled
    /// context holds no request state; the audit interceptor reads the request's actor when it saves.
    /// </summary>
    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Orchestrator");

        services.AddScoped<CompiledResourceLoader>();
        if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            // The database file's connection string, in the data directory unless the configuration names another.
            string DatabaseFile(IServiceProvider serviceProvider) =>
                SqliteDatabaseLocation.ConnectionString(connectionString, serviceProvider.GetRequiredService<DataDirectory>());

            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((serviceProvider, options) => WithModelServices(
                options.UseSqlite(
                    DatabaseFile(serviceProvider),
                    sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(
                        SqliteConnectionsWithoutEfFunctions.Instance,
                        SqliteConnectionMemory.Instance,
                        SqliteWriteAheadLog.Instance,

                        // Before the interruption: a read it runs on its own connection is interrupted there.
                        serviceProvider.GetRequiredService<SqliteKeptStatements>(),
                        SqliteWriterStatements.Instance,
                        SqliteStatementInterruption.Instance),
                serviceProvider));
            services.AddSingleton(serviceProvider => new SqliteKeptStatements(DatabaseFile(serviceProvider)));
            services.AddHostedService(serviceProvider => new SqliteCheckpointer(
                DatabaseFile(serviceProvider),
                serviceProvider.GetRequiredService<TimeProvider>(),
                serviceProvider.GetRequiredService<ILogger<SqliteCheckpointer>>()));
            services.AddHostedService(serviceProvider => new SqliteGroupCommitShutdown(DatabaseFile(serviceProvider)));
            services.AddSingleton(serviceProvider => new PreparedSqliteResourceReader(DatabaseFile(serviceProvider)));
            services.AddScoped<IResourceLoader, SqliteResourceLoader>();
        }
        else if (string.Equals(provider, "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Orchestrator is not set.");
            }

            services.AddDbContextPool<AppDbContext, SqlServerAppDbContext>((serviceProvider, options) => WithModelServices(
                options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)),
                serviceProvider));

            // SQL Server caches plans on its side; EF's compiled query is the whole load.
            services.AddScoped<IResourceLoader>(serviceProvider => serviceProvider.GetRequiredService<CompiledResourceLoader>());
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or SqlServer.");
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddSingleton<IDatabaseBusySignal, DatabaseBusySignal>();
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditingSaveChangesInterceptor>();
        services.AddScoped<IAuditLog, DatabaseAuditLog>();
        services.AddScoped<IAuditChainVerifier, AuditChainVerifier>();
        services.AddScoped<DatabaseInitializer>();
    }

    /// <summary>
    /// What both providers' contexts need besides the provider: the audit and outbox interceptors and field encryption, last, so
    /// that it encrypts what the save writes after every other interceptor had its say.
    /// </summary>
    private static DbContextOptionsBuilder WithModelServices(DbContextOptionsBuilder options, IServiceProvider serviceProvider) => options
        .AddInterceptors(serviceProvider.GetRequiredService<AuditingSaveChangesInterceptor>())
        .AddInterceptors(AuditChainingSaveChangesInterceptor.Instance)

        // After the chaining interceptor (ADR 0034): inside its transaction, each added audit row seen once.
        .AddInterceptors(serviceProvider.GetRequiredService<WebhookOutboxInterceptor>())
        .UseFieldEncryption(serviceProvider.GetRequiredService<IFieldEncryptor>())
        .EnableThreadSafetyChecks(ChecksConcurrentContextUse(serviceProvider));

    /// <summary>
    /// EF's check that no two operations use one context at once, a debugging aid like the host's scope validation: on
    /// wherever the environment is not Production (tests included), off in Production, where it set an async-local twice
    /// for every row read (docs/decisions/0056-context-use-checked-outside-production.md).
    /// </summary>
    internal static bool ChecksConcurrentContextUse(IServiceProvider serviceProvider) =>
        serviceProvider.GetService<IHostEnvironment>() is not { } environment || !environment.IsProduction();
}
