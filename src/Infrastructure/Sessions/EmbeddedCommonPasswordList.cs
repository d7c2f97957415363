using System.Collections.Frozen;
using System.IO.Compression;
using Orchestrator.Application.Common.Sessions;

namespace Orchestrator.Infrastructure.Sessions;

/// <summary>
/// The 49,233 most common passwords of zxcvbn-ts's common dictionary (drawn from public breach
/// corpora), shipped in the assembly. A password is refused when it is on the list, when it is a
/// listed password padded with digits or symbols ("password123456789"), or when it repeats one
/// short unit ("abcabcabcabcabc").
/// </summary>
public sealed class EmbeddedCommonPasswordList : ICommonPasswordList
{
    private readonly Lazy<FrozenSet<string>> _passwords = new(Load);

    public int Count => _passwords.Value.Count;

    public bool IsCommon(string password)
    {
        var lowered = password.ToLowerInvariant();
        var passwords = _passwords.Value;
        if (passwords.Contains(lowered) || IsRepetition(lowered))
        {
            return true;
        }

        var core = lowered.Trim(Padding);
        return core.Length > 0 && core.Length < lowered.Length && (passwords.Contains(core) || IsRepetition(core));
    }

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray();

    private static bool IsRepetition(string text)
    {
        for (var unit = 1; unit <= text.Length / 2; unit++)
        {
            if (text.Length % unit == 0 && text.AsSpan(unit).SequenceEqual(text.AsSpan(0, text.Length - unit)))
            {
                return true;
            }
        }

        return false;
    }

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(EmbeddedCommonPasswordList).Assembly.GetManifestResourceStream("common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
