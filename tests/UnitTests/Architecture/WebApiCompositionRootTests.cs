using NetArchTest.Rules;

namespace Orchestrator.UnitTests.Architecture;

/// <summary>
/// WebApi uses Infrastructure only where it composes the application: everything else (middleware, endpoints,
/// error mapping, the bearer check) speaks to Application's ports, so an adapter can change without the edge.
/// </summary>
public class WebApiCompositionRootTests
{
    /// <summary>The composition root, named one by one: a new type that needs Infrastructure has to be added here on purpose.</summary>
    private static readonly Type[] CompositionRoot =
    [
        typeof(Program),
        typeof(Orchestrator.WebApi.DependencyInjection),
        typeof(Orchestrator.WebApi.HealthEndpoints),
        typeof(Orchestrator.WebApi.Security.JwtBearerSetup),
    ];

    [Fact]
    public void WebApi_types_outside_the_composition_root_do_not_depend_on_Infrastructure()
    {
        var offenders = TypesDependingOnInfrastructure()
            .Where(type => !InCompositionRoot(type))
            .Select(type => type.FullName);

        offenders.ShouldBeEmpty("WebApi depends on Orchestrator.Infrastructure only in its composition root; use an Application port");
    }

    /// <summary>Proves the rule above can fail: the same check sees the composition root's dependencies.</summary>
    [Fact]
    public void The_check_sees_the_composition_roots_dependencies_on_Infrastructure()
    {
        var dependent = TypesDependingOnInfrastructure();

        dependent.ShouldContain(typeof(Orchestrator.WebApi.Security.JwtBearerSetup));
        dependent.ShouldContain(typeof(Orchestrator.WebApi.HealthEndpoints));
    }

    private static Type[] TypesDependingOnInfrastructure() =>
        [.. Types.InAssembly(Layers.WebApi).That().HaveDependencyOn("Orchestrator.Infrastructure").GetTypes()];

    // Lambdas and async methods compile to types nested in the type that holds them.
    private static bool InCompositionRoot(Type type)
    {
        for (Type? current = type; current is not null; current = current.DeclaringType)
        {
            if (CompositionRoot.Contains(current))
            {
                return true;
            }
        }

        return false;
    }
}
