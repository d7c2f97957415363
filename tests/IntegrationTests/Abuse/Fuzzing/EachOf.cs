using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>Generates one value from each generator, in order; the sizes add up, so a smaller part shrinks the whole.</summary>
public sealed class EachOf<T>(IReadOnlyList<Gen<T>> gens) : Gen<T[]>
{
    public override T[] Generate(PCG pcg, Size? min, out Size size)
    {
        size = new Size(0);
        var values = new T[gens.Count];
        for (var i = 0; i < gens.Count; i++)
        {
            values[i] = gens[i].Generate(pcg, null, out var part);
            size.Add(part);
        }

        return values;
    }
}
