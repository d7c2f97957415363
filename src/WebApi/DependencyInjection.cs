using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Security;
using Orchestrator.WebApi.Errors;
using Orchestrator.WebApi.OpenApi;
using Orchestrator.WebApi.Security;

namespace Orchestrator.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IRequestContext, HttpRequestContext>();

        services.AddControllers()
            .AddJsonOptions(options => ConfigureJson(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = InvalidModelStateProblem.Create);

        // Route handlers outside MVC (Endpoints/) write the same JSON as the controllers.
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));

        // Input formatter messages can name .NET types; clients get a generic message instead.
        services.Configure<MvcOptions>(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => options.AllowInputFormatterExceptionMessages = false);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", ProblemTrace.IdOf(context.HttpContext));
            ProblemDetailDefaults.Fill(context.HttpContext, context.ProblemDetails);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddJwtBearerAuthentication();
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
