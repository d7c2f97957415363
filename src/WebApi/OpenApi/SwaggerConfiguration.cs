using System.Reflection;
using Microsoft.OpenApi;
using Orchestrator.WebApi.Edge;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// The OpenAPI document and Swagger UI, with an OAuth2 password-flow "Authorize" against <c>/token</c>, and a
/// pasted bearer token for accounts with MFA (the password flow has no field for <c>otp</c>; decision 0022).
/// </summary>
public static class SwaggerConfiguration
{
    public const string SecuritySchemeName = "oauth2";

    public const string BearerSchemeName = "bearer";

    public static IServiceCollection AddOrchestratorSwagger(this IServiceCollection services)
    {
        // The endpoint table (Endpoints/) is described through the minimal-API explorer.
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Orchestrator API",
                Version = "v1",
                Description = "Create, inspect, re-tag and delete AWS resources (EC2, S3, RDS). "
                    + "Every call needs a bearer token from POST /token; use Authorize with a username and password, or, for an "
                    + "account with MFA on (admins need it), paste under `bearer` the access_token of POST /token sent with otp.",
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
            options.AddSecurityDefinition(BearerSchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token pasted as is: the access_token of POST /token with grant_type=password and otp, "
                    + "for an account with MFA on, which the password flow cannot sign in (it has no otp field).",
            });

            // Per operation rather than document-wide, so anonymous operations (POST /token) show no lock.
            options.OperationFilter<AccessOperationFilter>();
            options.OperationFilter<TokenRequestOperationFilter>();
            options.OperationFilter<ProblemResponsesOperationFilter>();
            options.OperationFilter<EndpointDocsFilter>();
            options.DocumentFilter<EndpointDocsFilter>();
            options.SchemaFilter<ContractExamplesSchemaFilter>();
            options.SchemaFilter<ContractBoundsSchemaFilter>();
            options.OperationFilter<ValidatorRulesOperationFilter>();
            options.OperationFilter<RequestLimitsOperationFilter>();
            options.OperationFilter<RateLimitHeadersOperationFilter>();
            options.OperationFilter<CorsHeadersOperationFilter>();
            options.OperationFilter<OperationIdFilter>();
            options.DocumentFilter<SecuritySchemeDocumentFilter>();

            // The endpoints' comments, and the Application's: a feature's request and response types document themselves.
            foreach (var assembly in new[] { Assembly.GetExecutingAssembly(), typeof(Application.DependencyInjection).Assembly })
            {
                var xmlFile = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xmlFile))
                {
                    options.IncludeXmlComments(xmlFile);
                }
            }

            options.SupportNonNullableReferenceTypes();
        });
        return services;
    }

    /// <summary>
    /// The document and the UI, in a branch that only requests under <c>/swagger</c> enter: every other
    /// request skips both middlewares' path matching (they serve nothing else).
    /// </summary>
    public static WebApplication UseOrchestratorSwagger(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ContentSecurityPolicies.SwaggerPathPrefix, StringComparison.OrdinalIgnoreCase),
            swagger => swagger
                .UseSwagger()
                .UseSwaggerUI(options =>
                {
                    options.SwaggerEndpoint($"{ContentSecurityPolicies.SwaggerPathPrefix}/v1/swagger.json", "Orchestrator API v1");
                    options.DocumentTitle = "Orchestrator API";
                }));
        return app;
    }
}
