using NetArchTest.Rules;

namespace Orchestrator.UnitTests.Architecture;

/// <summary>The Application layer's own types, selected by what they implement.</summary>
/// <remarks>
/// Selection uses reflection over NetArchTest's type list rather than NetArchTest's ImplementInterface:
/// that reads only the interfaces a type declares itself, so it misses a validator (IValidator comes from
/// the AbstractValidator base class) and would miss a request deriving from a base record.
/// </remarks>
internal static class ApplicationTypes
{
    /// <summary>Mediator's source generator writes its own public types (the mediator, its wrappers) into the assembly.</summary>
    private const string MediatorGeneratedNamespace = "Mediator";

    private static readonly Type[] Own =
    [
        .. Types.InAssembly(Layers.Application)
            .That().DoNotResideInNamespaceStartingWith(MediatorGeneratedNamespace)
            .GetTypes(),
    ];

    /// <summary>Concrete types implementing any of <paramref name="contracts"/> (open generic definitions allowed).</summary>
    public static IReadOnlyList<Type> Implementing(params Type[] contracts) =>
    [
        .. Own.Where(type => type is { IsAbstract: false, IsInterface: false } && contracts.Any(contract => Implements(type, contract))),
    ];

    private static bool Implements(Type type, Type contract) =>
        contract.IsGenericTypeDefinition
            ? type.GetInterfaces().Any(implemented => implemented.IsGenericType && implemented.GetGenericTypeDefinition() == contract)
            : contract.IsAssignableFrom(type);
}
