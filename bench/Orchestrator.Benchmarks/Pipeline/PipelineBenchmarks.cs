using BenchmarkDotNet.Attributes;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Application;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Keys.Common;
using Orchestrator.Application.Keys.RotateSigningKey;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.GetResource;

namespace Orchestrator.Benchmarks.Pipeline;

/// <summary>
/// The mediator pipeline alone: the six behaviors of <c>AddApplication</c>, in its order, around a
/// handler that returns a constant. The generated mediator only dispatches requests of the Application
/// assembly, so <see cref="PipelineProbe"/> goes through the same behavior classes composed by hand,
/// resolved from a new scope per request as the mediator does. <see cref="Sender"/> sends a real request
/// (key rotation, with a fake rotation port) through <see cref="ISender"/>, generated dispatch included.
/// The baseline is the handler alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class PipelineBenchmarks
{
    private static readonly MessageHandlerDelegate<PipelineProbe, int> Handler = static (_, _) => ValueTask.FromResult(42);

    private readonly PipelineProbe _probe = new("bucket01", "retry-key-1");
    private ServiceProvider _services = null!;
    private IServiceScope _scope = null!;
    private MessageHandlerDelegate<PipelineProbe, int> _prebuilt = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fakes = new PipelineFakes();
        var services = new ServiceCollection();
        services.AddApplication(new ConfigurationBuilder().Build());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICurrentUser>(fakes);
        services.AddSingleton<IAuditLog>(fakes);
        services.AddSingleton<IQuotaGate>(fakes);
        services.AddSingleton<IKeyRotation>(fakes);
        services.AddSingleton<IValidator<PipelineProbe>, PipelineProbeValidator>();

        services.AddScoped<IApplicationDbContext, UntouchedDbContext>();
        services.AddSingleton<IResourceLoader>(new PreloadedResourceLoader(fakes.UserId));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });

        _scope = _services.CreateScope();
        _prebuilt = Compose(_scope.ServiceProvider);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "handler alone")]
    public ValueTask<int> HandlerAlone() => Handler(_probe, CancellationToken.None);

    // ASP.NET Core creates this scope for every request anyway (RequestServices): what it costs is not the pipeline's.
    [Benchmark(Description = "a new scope alone (the request's own, not the pipeline's)")]
    public async ValueTask<int> ScopeAlone()
    {
        await using var scope = _services.CreateAsyncScope();
        return await Handler(_probe, CancellationToken.None);
    }

    [Benchmark(Description = "six behaviors, composed once")]
    public ValueTask<int> Prebuilt() => _prebuilt(_probe, CancellationToken.None);

    [Benchmark(Description = "six behaviors, built by reflection per request (ActivatorUtilities, new scope)")]
    public async ValueTask<int> PerRequest()
    {
        await using var scope = _services.CreateAsyncScope();
        return await Compose(scope.ServiceProvider)(_probe, CancellationToken.None);
    }

    [Benchmark(Description = "ISender.Send(RotateSigningKeyCommand), new scope")]
    public async ValueTask<string> Sender()
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RotateSigningKeyCommand(), CancellationToken.None);
        return result.ActiveKeyId;
    }

    // The same request's handler resolved from a new scope and called directly: the part of the line above that
    // is not the pipeline's (the scope, the handler and what it allocates itself).
    [Benchmark(Description = "RotateSigningKeyHandler called directly, new scope")]
    public async ValueTask<string> HandlerDirect()
    {
        await using var scope = _services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<ICommandHandler<RotateSigningKeyCommand, KeyRotationDto>>();
        var result = await handler.Handle(new RotateSigningKeyCommand(), CancellationToken.None);
        return result.ActiveKeyId;
    }

    // The hottest request, GET /api/v1/resources/{id}, through the generated mediator: logging, permission,
    // validation and the resource policy (the loader answers from memory), then the handler that maps the entity.
    [Benchmark(Description = "ISender.Send(GetResourceQuery), new scope")]
    public async ValueTask<ResourceDto> SendGetResource()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetResourceQuery(PreloadedResourceLoader.ResourceId), CancellationToken.None);
    }

    // Its handler alone, given the resource the policy behavior would have loaded: the part that is not the pipeline's.
    [Benchmark(Description = "GetResourceHandler called directly, new scope")]
    public async ValueTask<ResourceDto> GetResourceHandlerDirect()
    {
        await using var scope = _services.CreateAsyncScope();
        var resource = await scope.ServiceProvider.GetRequiredService<IResourceLoader>().FindAsync(PreloadedResourceLoader.ResourceId, false, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<ResourceContext>().Set(resource!);
        var handler = scope.ServiceProvider.GetRequiredService<IQueryHandler<GetResourceQuery, ResourceDto>>();
        return await handler.Handle(new GetResourceQuery(PreloadedResourceLoader.ResourceId), CancellationToken.None);
    }

    /// <summary>The behaviors in the order of <c>AddApplication</c>, outermost first.</summary>
    private static MessageHandlerDelegate<PipelineProbe, int> Compose(IServiceProvider services)
    {
        IPipelineBehavior<PipelineProbe, int>[] behaviors =
        [
            ActivatorUtilities.CreateInstance<LoggingBehavior<PipelineProbe, int>>(services),
            ActivatorUtilities.CreateInstance<PermissionBehavior<PipelineProbe, int>>(services),
            ActivatorUtilities.CreateInstance<ValidationBehavior<PipelineProbe, int>>(services),
            ActivatorUtilities.CreateInstance<ResourcePolicyBehavior<PipelineProbe, int>>(services),
            ActivatorUtilities.CreateInstance<IdempotencyBehavior<PipelineProbe, int>>(services),
            ActivatorUtilities.CreateInstance<QuotaBehavior<PipelineProbe, int>>(services),
        ];
        var next = Handler;
        for (var i = behaviors.Length - 1; i >= 0; i--)
        {
            var behavior = behaviors[i];
            var inner = next;
            next = (message, cancellationToken) => behavior.Handle(message, inner, cancellationToken);
        }

        return next;
    }
}
