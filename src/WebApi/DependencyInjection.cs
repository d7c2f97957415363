using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Security;
using Orchestrator.WebApi.Endpoints;
using Orchestrator.WebApi.Errors;
using Orchestrator.WebApi.OpenApi;
using Orchestrator.WebApi.Security;
using Orchestrator.WebApi.Telemetry;

namespace Orchestrator.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IRequestContext, HttpRequestContext>();

        // Endpoints write JSON with these settings; bodies are read with them too (Requests/JsonBodyReader).
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.AddSingleton<EndpointInventory>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", ProblemTrace.IdOf(context.HttpContext));
            ProblemDetailDefaults.Fill(context.HttpContext, context.ProblemDetails);

            // Every 401, 403 and 429 goes out as a problem, so this counts them without touching answers that succeed.
            RefusalCount.Record(context.HttpContext, context.ProblemDetails.Status);
        });
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddJwtBearerAuthentication();
        services.AddOptions<AdminMfaOptions>().BindConfiguration(AdminMfaOptions.SectionName);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddOrchestratorSwagger();
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        // No mass assignment: a property the contract does not define is an error, not silently dropped.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.AllowDuplicateProperties = false;
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.DictionaryKeyPolicy = null;
    }
}
