using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// Documents who may call each operation: the permission declared by the request it sends (and the roles
/// that hold it) in its description and in <c>x-permission</c>, and the bearer requirement with its 401
/// on every operation that is not anonymous.
/// </summary>
public sealed class AccessOperationFilter : IOperationFilter
{
    public const string PermissionExtension = "x-permission";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var anonymous = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        var access = anonymous ? "anonymous" : DescribeAccess(context.MethodInfo.GetCustomAttribute<SendsRequestAttribute>()?.RequestType);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[PermissionExtension] = new JsonNodeExtension(JsonValue.Create(access));
        operation.Description = $"{operation.Description}\n\n**Access:** {Explain(access)}".TrimStart();

        if (anonymous)
        {
            return;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerConfiguration.SecuritySchemeName, context.Document)] = [] },
        ];
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", ProblemResponsesOperationFilter.Problem("No valid bearer token (answer carries `WWW-Authenticate: Bearer`).", context));
    }

    private static string DescribeAccess(Type? requestType)
    {
        if (requestType?.GetCustomAttribute<RequiresPermissionAttribute>() is { } permission)
        {
            return permission.Permission.ToString().ToLowerInvariant();
        }

        return requestType?.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null ? "anonymous" : "authenticated";
    }

    private static string Explain(string access) => access switch
    {
        "anonymous" => "no token needed.",
        "authenticated" => "any signed-in user.",
        _ => $"permission `{access}`, held by the roles {string.Join(", ", RolesWith(access))}.",
    };

    private static IEnumerable<string> RolesWith(string access)
    {
        var permission = Enum.Parse<Permission>(access, ignoreCase: true);
        return Enum.GetValues<Role>().Where(role => RolePermissions.Grants(role, permission)).Select(role => $"`{role.ToWireName()}`");
    }
}
