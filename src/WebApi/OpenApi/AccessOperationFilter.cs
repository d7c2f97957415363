using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Orchestrator.Domain.Authorization;
using Orchestrator.WebApi.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// Documents who may call each operation, from its <see cref="OperationContract"/>: the permission the request it
/// sends declares (and the roles that hold it) in its description and in <c>x-permission</c>, and the bearer
/// requirement (either scheme) on every operation that is not anonymous. An operation that sends no request fails the document.
/// </summary>
public sealed class AccessOperationFilter : IOperationFilter
{
    public const string PermissionExtension = "x-permission";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var contract = ContractOf(context);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[PermissionExtension] = new JsonNodeExtension(JsonValue.Create(contract.Access));
        var mfa = contract.AdminsNeedMfa ? " An admin must have signed in with MFA (`Security:RequireMfaForAdmins`)." : string.Empty;
        operation.Description = $"{operation.Description}\n\n**Access:** {Explain(contract.Access)}{mfa}".TrimStart();

        if (!contract.IsAnonymous)
        {
            // Either scheme: two requirements are alternatives (OpenAPI 3, Security Requirement Object).
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerConfiguration.SecuritySchemeName, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerConfiguration.BearerSchemeName, context.Document)] = [] },
            ];
        }
    }

    /// <summary>The operation's row of the endpoint table; there is no default for an endpoint that declares none.</summary>
    public static OperationContract ContractOf(OperationFilterContext context) =>
        context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<OperationContract>().FirstOrDefault()
        ?? throw new InvalidOperationException(
            $"{context.ApiDescription.HttpMethod} /{context.ApiDescription.RelativePath} sends no request: map it with .Sends<TRequest>().");

    private static string Explain(string access) => access switch
    {
        OperationContract.Anonymous => "no token needed.",
        OperationContract.Authenticated => "any signed-in user.",
        _ => $"permission `{access}`, held by the roles {string.Join(", ", RolesWith(access))}.",
    };

    private static IEnumerable<string> RolesWith(string access)
    {
        var permission = Enum.Parse<Permission>(access, ignoreCase: true);
        return Enum.GetValues<Role>().Where(role => RolePermissions.Grants(role, permission)).Select(role => $"`{role.ToWireName()}`");
    }
}
