using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// Carries the field encryptor in the context options rather than in a constructor parameter: a pooled
/// context (<c>AddDbContextPool</c>) may only take its options, and the encryptor is a process-wide singleton.
/// </summary>
public sealed class FieldEncryptionOptionsExtension(IFieldEncryptor encryptor) : IDbContextOptionsExtension
{
    public IFieldEncryptor Encryptor { get; } = encryptor;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    // Adds no EF services: the interceptors find the encryptor in the options of the context they serve.
    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "FieldEncryption ";

        // EF's internal services do not depend on the encryptor, so every context can share one internal provider.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}

public static class FieldEncryptionOptionsBuilderExtensions
{
    /// <summary>
    /// The encryptor that the model's <c>.IsEncrypted()</c> properties use, and the interceptors that encrypt them on
    /// save and decrypt them on load (one instance each for the process, so contexts share EF's internal services).
    /// </summary>
    public static DbContextOptionsBuilder<TContext> UseFieldEncryption<TContext>(this DbContextOptionsBuilder<TContext> builder, IFieldEncryptor encryptor)
        where TContext : DbContext
    {
        ((DbContextOptionsBuilder)builder).UseFieldEncryption(encryptor);
        return builder;
    }

    /// <inheritdoc cref="UseFieldEncryption{TContext}"/>
    public static DbContextOptionsBuilder UseFieldEncryption(this DbContextOptionsBuilder builder, IFieldEncryptor encryptor)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new FieldEncryptionOptionsExtension(encryptor));
        return builder.AddInterceptors(EncryptingSaveChangesInterceptor.Instance, DecryptingMaterializationInterceptor.Instance, EncryptedColumnQueryGuard.Instance);
    }
}
