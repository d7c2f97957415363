using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Orchestrator.Application.Common.Options;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// The bounds of every shape the API reads or writes, from the rules and sizes the code enforces: ids are UUIDs,
/// times ISO 8601, integers within their range, and each string and collection within the limit of what it holds
/// (the domain's rules, the column it is stored in, the value set it comes from). Request-only limits come from the
/// validators (<see cref="ValidatorRulesOperationFilter"/>); these apply wherever a shape appears.
/// </summary>
public sealed class ContractBoundsSchemaFilter(IOptions<CloudCatalogOptions> catalogOptions, IServiceScopeFactory scopes) : ISchemaFilter
{
    // "2026-01-15T09:30:00.1234567+00:00", the round-trip format's longest form.
    private const int DateTimeMaxLength = 33;
    private const int UuidLength = 36;

    private readonly Dictionary<(Type Type, string Member), Action<OpenApiSchema>> _members = MemberBounds.Build(catalogOptions.Value, PageSizeLimits.Find(scopes));

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        ApplyType(concrete, Nullable.GetUnderlyingType(context.Type) ?? context.Type);
        if (context.MemberInfo is { DeclaringType: { } declaring } member && _members.TryGetValue((declaring, member.Name), out var bound))
        {
            bound(concrete);
        }

        if (context.Type == typeof(ProblemDetails) || context.Type == typeof(ValidationProblemDetails) || context.Type == typeof(Contracts.GuardrailViolationProblem))
        {
            // The members ASP.NET Core writes plus the extensions this API adds: traceId always, errors, quota or violations on some.
            concrete.MaxProperties = 8;
        }
    }

    private static void ApplyType(OpenApiSchema schema, Type type)
    {
        if (type == typeof(Guid))
        {
            schema.Format = "uuid";
            SchemaBounds.Length(schema, UuidLength, UuidLength);
        }
        else if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            schema.Format = "date-time";
            SchemaBounds.MaxLength(schema, DateTimeMaxLength);
        }
        else if (type == typeof(int))
        {
            schema.Format = "int32";
            SchemaBounds.Range(schema, int.MinValue, int.MaxValue);
        }
        else if (type == typeof(long))
        {
            schema.Format = "int64";
            SchemaBounds.Range(schema, long.MinValue, long.MaxValue);
        }
    }
}
