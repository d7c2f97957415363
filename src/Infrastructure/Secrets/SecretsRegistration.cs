using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Secrets.Aws;
using Orchestrator.Infrastructure.Secrets.Kms;
using Orchestrator.Infrastructure.Security;

namespace Orchestrator.Infrastructure.Secrets;

/// <summary>The secret store chosen by <c>Secrets:Provider</c>, and the keys that come from it.</summary>
public static class SecretsRegistration
{
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SecretsOptions.SectionName).Get<SecretsOptions>() ?? new SecretsOptions();
        if (!settings.IsKnownProvider)
        {
            throw new InvalidOperationException($"Secrets:Provider '{settings.Provider}' is not supported; use Local or AwsSecretsManager.");
        }

        services.AddOptions<SecretsOptions>()
            .Bind(configuration.GetSection(SecretsOptions.SectionName))
            .Validate(o => o.CacheTtlSeconds is >= 1 and <= 3600, "Secrets:CacheTtlSeconds must be between 1 and 3600.")
            .Validate(o => !o.UsesAwsSecretsManager || !string.IsNullOrWhiteSpace(o.AwsSecretsManager.Prefix), "Secrets:AwsSecretsManager:Prefix is required.")
            .Validate(o => o.AwsSecretsManager.MaxRetryAttempts is >= 0 and <= 10, "Secrets:AwsSecretsManager:MaxRetryAttempts must be between 0 and 10.")
            .ValidateOnStart();

        if (settings.UsesAwsSecretsManager)
        {
            services.AddAwsSecretsManagerClient(configuration);
            services.AddSingleton<ISecretStore, AwsSecretsManagerStore>();
        }
        else
        {
            services.AddSingleton<ISecretStore, LocalSecretStore>();
        }

        services.AddKmsKeyRingWrapping(configuration);
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<DataKeyRingProvider>();
        services.AddSingleton<IFieldEncryptor, KeyRingFieldEncryptor>();
        services.AddSingleton<IKeyRotation, KeyRotationService>();
        services.AddHostedService<SecretsWarmup>();
        return services;
    }
}
