using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Common.Exceptions;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// Turns a query value that does not parse (<c>page=abc</c>) into the contract's 400 problem naming the parameter.
/// The framework's binder only sets 400 with no body; it runs endpoint filters before giving up, so this filter
/// names the failing parameters then. Endpoints without typed query parameters get no filter factory at all, so
/// their request delegate is the one the framework builds without filters.
/// </summary>
public static class QueryBindingProblems
{
    /// <summary>An endpoint convention: adds the filter to an endpoint whose handler binds typed query values.</summary>
    public static void AttachWhereNeeded(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler && TypedQueryParameters(handler).Count > 0)
        {
            endpoint.FilterFactories.Add(Create);
        }
    }

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = TypedQueryParameters(context.MethodInfo);
        return invocation =>
        {
            var http = invocation.HttpContext;
            if (http.Response.StatusCode != StatusCodes.Status400BadRequest)
            {
                return next(invocation);
            }

            var errors = new Dictionary<string, string[]>();
            foreach (var parameter in parameters)
            {
                var values = http.Request.Query[parameter.Name];
                if (values.Count > 1 || (values.Count == 1 && !string.IsNullOrEmpty(values[0]) && !parameter.Parses(values[0]!)))
                {
                    errors[parameter.Name] = [$"'{parameter.Name}' must be {parameter.Kind}, given once."];
                }
            }

            if (errors.Count == 0)
            {
                errors["query"] = ["The query string could not be read."];
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            throw new RequestValidationException(errors);
        };
    }

    private static List<TypedQueryParameter> TypedQueryParameters(MethodInfo method)
    {
        var found = new List<TypedQueryParameter>();
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<FromQueryAttribute>() is not { } query)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (type != typeof(string) && !type.IsArray)
            {
                var parses = (Func<string, bool>)Delegate.CreateDelegate(
                    typeof(Func<string, bool>), typeof(QueryBindingProblems).GetMethod(nameof(Parses), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type));
                found.Add(new TypedQueryParameter(query.Name ?? parameter.Name!, KindOf(type), parses));
            }
        }

        return found;
    }

    private static bool Parses<T>(string value)
        where T : IParsable<T> => T.TryParse(value, CultureInfo.InvariantCulture, out _);

    private static string KindOf(Type type) =>
        type == typeof(int) || type == typeof(long) ? "an integer"
        : type == typeof(Guid) ? "a UUID"
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "an ISO-8601 date and time"
        : type == typeof(bool) ? "true or false"
        : "a value of the documented type";

    private sealed record TypedQueryParameter(string Name, string Kind, Func<string, bool> Parses);
}
