using System.Reflection;

namespace Orchestrator.UnitTests.Architecture;

internal static class Layers
{
    public static Assembly Domain { get; } = typeof(Orchestrator.Domain.Resources.Resource).Assembly;

    public static Assembly Application { get; } = typeof(Orchestrator.Application.DependencyInjection).Assembly;

    public static Assembly Infrastructure { get; } = typeof(Orchestrator.Infrastructure.DependencyInjection).Assembly;

    public static Assembly WebApi { get; } = typeof(Orchestrator.WebApi.DependencyInjection).Assembly;

    public static string[] ReferencedAssemblyNames(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name ?? string.Empty)];
}
