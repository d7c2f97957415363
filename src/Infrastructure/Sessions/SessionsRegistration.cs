using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.Infrastructure.Security;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>Password list and strength estimator, TOTP, login throttling and token revocation (in Redis when <c>Redis:ConnectionString</c> is set).</summary>
public static class SessionsRegistration
{
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ICommonPasswordList, EmbeddedCommonPasswordList>();
        services.AddSingleton<IPasswordStrengthEstimator, ZxcvbnPasswordStrengthEstimator>();
        services.AddSingleton<ITotpAuthenticator, OtpNetTotpAuthenticator>();
        // Scoped: an attempt is counted once per request, also when a conflict makes the request run again.
        services.AddScoped<ILoginThrottle, LimiterLoginThrottle>();
        services.AddSingleton<InMemoryTokenRevocationStore>();
        services.AddScoped<TokenRevocationWarmup>();

        var redis = configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.ConnectionString)}"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<ITokenRevocationStore>(sp => sp.GetRequiredService<InMemoryTokenRevocationStore>());
        }
        else
        {
            services.AddSingleton<RedisTokenRevocationStore>();
            services.AddSingleton<ITokenRevocationStore>(sp => sp.GetRequiredService<RedisTokenRevocationStore>());
        }

        return services;
    }
}
