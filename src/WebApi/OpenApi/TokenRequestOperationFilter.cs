using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Orchestrator.Application.Users.Common;
using Orchestrator.WebApi.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// Describes the form body of <c>POST /token</c>. The endpoint reads the form itself (<c>TokenForm</c>, to answer in
/// RFC 6749's error shape rather than the framework's), so no parameter tells the generator its fields.
/// </summary>
public sealed class TokenRequestOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.MethodInfo.DeclaringType != typeof(TokenEndpoints))
        {
            return;
        }

        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "grant_type", "username", "password" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["grant_type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "`password`." },
                // Longer is refused (invalid_request) before it is counted or any password is hashed.
                ["username"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = UsernameRules.MaxLength },
                ["password"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "password" },
            },
            Examples = [new JsonObject { ["grant_type"] = "password", ["username"] = "admin", ["password"] = "your long passphrase" }],
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/x-www-form-urlencoded"] = new OpenApiMediaType { Schema = form } },
        };
    }
}
