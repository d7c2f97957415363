using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// CsCheck's choices with one overload each (its own <c>OneOf</c> and <c>Frequency</c> take values or generators, and a
/// generator passed as a value would silently make a generator of generators). Earlier choices are smaller when shrinking.
/// </summary>
public static class Pick
{
    public static Gen<T> One<T>(params T[] values) => Gen.OneOf(values);

    public static Gen<T> OneOf<T>(params IGen<T>[] gens) => Gen.OneOf(gens);

    public static Gen<T> Weighted<T>(params (int Weight, IGen<T> Gen)[] gens) => Gen.Frequency(gens);
}
