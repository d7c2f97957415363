using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// Documents every error answer an operation can give, as its <see cref="OperationContract"/> derives them from the
/// request it sends and what the edge does: problem+json (with an example of its own status), or RFC 6749's shape at
/// the token endpoints.
/// </summary>
public sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    private const string ProblemMediaType = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        foreach (var error in AccessOperationFilter.ContractOf(context).Errors)
        {
            operation.Responses[error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = error.Shape switch
            {
                OperationErrorShape.TokenError => Response(error.Description, "application/json", typeof(TokenErrorResponse), context),
                OperationErrorShape.ValidationProblem => Response(error.Description, ProblemMediaType, typeof(ValidationProblemDetails), context),
                OperationErrorShape.GuardrailViolation => GuardrailViolation(error.Description, context),
                _ => Problem(error.Status, error.Description, context),
            };
        }
    }

    private static OpenApiResponse Problem(int status, string description, OperationFilterContext context)
    {
        var response = Response(description, ProblemMediaType, typeof(ProblemDetails), context);
        ((OpenApiMediaType)response.Content![ProblemMediaType]).Example = ProblemExamples.For(status, description);
        return response;
    }

    private static OpenApiResponse GuardrailViolation(string description, OperationFilterContext context)
    {
        var response = Response(description, ProblemMediaType, typeof(GuardrailViolationProblem), context);
        ((OpenApiMediaType)response.Content![ProblemMediaType]).Example = ProblemExamples.GuardrailViolation();
        return response;
    }

    private static OpenApiResponse Response(string description, string mediaType, Type body, OperationFilterContext context) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            [mediaType] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(body, context.SchemaRepository) },
        },
    };
}
