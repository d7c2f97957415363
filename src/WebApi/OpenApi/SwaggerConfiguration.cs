using System.Reflection;
using Microsoft.OpenApi;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>The OpenAPI document and Swagger UI, with an OAuth2 password-flow "Authorize" against <c>/token</c>.</summary>
public static class SwaggerConfiguration
{
    public const string SecuritySchemeName = "oauth2";

    public static IServiceCollection AddOrchestratorSwagger(this IServiceCollection services)
    {
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Orchestrator API",
                Version = "v1",
                Description = "Create, inspect, re-tag and delete AWS resources (EC2, S3, RDS). "
                    + "Every call needs a bearer token from POST /token; use Authorize with a username and password.",
            });
            options.AddSecurityDefinition(SecuritySchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth2 password grant against /token; the access token is sent as a bearer token.",
                Flows = new OpenApiOAuthFlows
                {
                    Password = new OpenApiOAuthFlow { TokenUrl = new Uri("/token", UriKind.Relative) },
                },
            });

            // Per operation rather than document-wide, so anonymous operations (POST /token) show no lock.
            options.OperationFilter<AccessOperationFilter>();
            options.OperationFilter<TokenRequestOperationFilter>();
            options.OperationFilter<ProblemResponsesOperationFilter>();
            options.SchemaFilter<ContractExamplesSchemaFilter>();

            var xmlFile = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xmlFile))
            {
                options.IncludeXmlComments(xmlFile, includeControllerXmlComments: true);
            }

            options.SupportNonNullableReferenceTypes();
        });
        return services;
    }

    public static WebApplication UseOrchestratorSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "Orchestrator API v1");
            options.DocumentTitle = "Orchestrator API";
        });
        return app;
    }
}
