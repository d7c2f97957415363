using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>A generator built on first use, for recursive shapes.</summary>
public sealed class GenDeferred<T>(Func<Gen<T>> build) : Gen<T>
{
    private Gen<T>? _gen;

    public override T Generate(PCG pcg, Size? min, out Size size) => (_gen ??= build()).Generate(pcg, min, out size);
}
