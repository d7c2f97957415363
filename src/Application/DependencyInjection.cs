using FluentValidation;
using Mapster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Approvals;
using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Common.Validation;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Pricing;
using Orchestrator.Application.Provisioning;
using Orchestrator.Application.Resources.CreateResource;

namespace Orchestrator.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        // The pipeline, outermost first. Cheap checks that consume nothing run before anything that
        // touches data, and the quota (which consumes) runs last, just before the handler:
        //   1. logging: every outcome, including refusals, is timed and logged;
        //   2. permission: role table from token claims, no database trip (403);
        //   3. validation: the request's own rules (400);
        //   4. optimistic concurrency: a change that lost a race to another writer is 412 with If-Match, else
        //      runs again from the resource load on (re-authorized on fresh data), then 409;
        //   5. resource policy: loads the resource once and decides access (404 / 403);
        //   6. idempotency: a retry with a known Idempotency-Key gets the first answer, consuming nothing;
        //   7. guardrails: the organisation's JSON Schema rules on what may be created (422), consuming nothing;
        //   8. quota: reserves, and gives back when the handler fails (429).
        //
        // Transient: the mediator, its handlers and behaviors are built for each request and hold nothing
        // between requests; their scoped dependencies still come from the request's scope. Scoped, each of them
        // was also stored in that scope, at a cost (docs/decisions/0001-mediator-generator-in-application.md).
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Transient;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(PermissionBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(OptimisticConcurrencyBehavior<,>),
                typeof(ResourcePolicyBehavior<,>),
                typeof(IdempotencyBehavior<,>),
                typeof(GuardrailBehavior<,>),
                typeof(QuotaBehavior<,>),
            ];
        });

        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonFieldNames.FromPropertyPath(member.Name);
        // ResourceSpecValidator is built per request by CreateResourceValidator (it depends on the resource type).
        services.AddValidatorsFromAssembly(
            typeof(DependencyInjection).Assembly,
            ServiceLifetime.Singleton,
            filter: scan => scan.ValidatorType != typeof(ResourceSpecValidator),
            includeInternalTypes: true);

        var mapping = new TypeAdapterConfig();
        mapping.Scan(typeof(DependencyInjection).Assembly);
        mapping.Compile();
        services.AddSingleton(mapping);

        services.AddScoped<ResourceContext>();
        services.AddSingleton<PageCursors>();
        services.AddScoped<SessionIssuer>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<CredentialFailureCounter>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<Account.Common.Reauthentication>();
        services.AddScoped<Authentication.IssueToken.PasswordGrant>();
        services.AddScoped<Authentication.IssueToken.RefreshTokenGrant>();
        services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.SectionName))
            .Validate(o => o.IdleMinutes > 0 && o.AbsoluteHours > 0, "Sessions:IdleMinutes and Sessions:AbsoluteHours must be positive.")
            .ValidateOnStart();
        services.AddOptions<LockoutOptions>()
            .Bind(configuration.GetSection(LockoutOptions.SectionName))
            .Validate(o => o.MaxFailedAttempts > 0 && o.WindowMinutes > 0 && o.DurationMinutes > 0 && o.AttemptsPerUsernamePerMinute > 0,
                "Lockout settings must be positive.")
            .ValidateOnStart();
        services.AddOptions<PasswordStrengthOptions>()
            .Bind(configuration.GetSection(PasswordStrengthOptions.SectionName))
            .Validate(o => o.MinimumScore is >= 0 and <= 4 && o.MinimumEntropyBits >= 0,
                "Passwords:MinimumScore must be 0 to 4 and Passwords:MinimumEntropyBits not negative.")
            .ValidateOnStart();
        AddIdempotentReplayers(services);
        // The price table itself is loaded (and checked at start) by Infrastructure.
        services.AddSingleton<ICostEstimator, PriceTableCostEstimator>();
        services.AddSingleton<GuardrailRuleSetCache>();
        services.AddScoped<ICurrentGuardrails, StoredGuardrails>();
        services.AddScoped<IGuardrailEvaluator, JsonSchemaGuardrailEvaluator>();
        services.AddScoped<GuardrailSubjectBuilder>();
        services.AddScoped<GuardrailContext>();
        services.AddScoped<ReservedQuota>();
        services.AddApprovals(configuration);
        // A cloud with network placement (Aws) registers its own after this one, and that one is used.
        services.AddSingleton<ICloudPlacement, AnyCloudPlacement>();
        services.AddOptions<CloudCatalogOptions>()
            .Bind(configuration.GetSection(CloudCatalogOptions.SectionName))
            .PostConfigure(options => options.ApplyDefaults());
        services.AddOptions<QuotaOptions>()
            .Bind(configuration.GetSection(QuotaOptions.SectionName))
            .Validate(o => o.Ec2PerHour >= 0 && o.RdsPerHour >= 0 && o.S3Buckets >= 0, "Quotas cannot be negative.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Registers every feature's <see cref="IIdempotentReplayer{TRequest, TResponse}"/>, so a new feature only adds its class.</summary>
    private static void AddIdempotentReplayers(IServiceCollection services)
    {
        var replayers =
            from type in typeof(DependencyInjection).Assembly.GetTypes()
            where type is { IsClass: true, IsAbstract: false }
            from contract in type.GetInterfaces()
            where contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IIdempotentReplayer<,>)
            select (contract, type);
        foreach (var (contract, implementation) in replayers)
        {
            services.AddScoped(contract, implementation);
        }
    }
}
