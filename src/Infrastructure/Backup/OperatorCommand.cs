using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>
/// The service's command-line verbs, <c>backup</c> and <c>restore</c>, run instead of the web host: their own options
/// (<c>--output</c>, <c>--input</c>, <c>--passphrase-file</c>) are taken out, and every other argument is configuration,
/// read the way the service reads it (appsettings, environment, <c>--Key=value</c>), so both find the same data directory.
/// </summary>
public sealed class OperatorCommand
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    private static readonly string[] Known = ["--output", "--input", "--passphrase-file"];

    private OperatorCommand(string verb, Dictionary<string, string> options, string[] configurationArguments, string? usageError)
    {
        Verb = verb;
        Options = options;
        ConfigurationArguments = configurationArguments;
        UsageError = usageError;
    }

    public string Verb { get; }

    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The arguments left for the configuration.</summary>
    public string[] ConfigurationArguments { get; }

    public string? UsageError { get; }

    public static string Usage =>
        """
        usage:
          Orchestrator.WebApi backup  --output FILE [--passphrase-file FILE]   (while the service runs)
          Orchestrator.WebApi restore --input FILE  [--passphrase-file FILE]   (with every instance stopped)
        With `dotnet run --project src/WebApi -- backup ...`. The passphrase file holds the passphrase on its first line
        (at least 12 characters); the commands never prompt. Exit codes: 0 done, 1 failed, 2 usage or configuration,
        3 the service is running, 4 the backup is damaged or altered, 5 wrong passphrase. See docs/operating.md.
        """;

    /// <summary>The command the arguments ask for, or null when the first one is not a verb (the service starts).</summary>
    public static OperatorCommand? Parse(string[] args)
    {
        if (args.Length == 0 || (args[0] != Backup && args[0] != Restore))
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        string? error = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (Array.IndexOf(Known, args[i]) >= 0)
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error ??= $"{args[i]} needs a file name after it.";
                    continue;
                }

                options[args[i]] = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var required = args[0] == Backup ? "--output" : "--input";
        if (error is null && !options.ContainsKey(required))
        {
            error = $"{args[0]} needs {required} FILE.";
        }

        return new OperatorCommand(args[0], options, [.. rest], error);
    }

    public async Task<int> RunAsync(IConfiguration configuration, IHostEnvironment environment, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (UsageError is not null)
        {
            await error.WriteLineAsync($"{UsageError}\n{Usage}");
            return OperatorExitCodes.Usage;
        }

        try
        {
            return Verb == Backup
                ? await BackupCommand.RunAsync(Options["--output"], Options.GetValueOrDefault("--passphrase-file"), configuration, environment, output, error, cancellationToken)
                : await RestoreCommand.RunAsync(Options["--input"], Options.GetValueOrDefault("--passphrase-file"), configuration, environment, output, error, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"{Verb} failed: {exception.Message}");
            return OperatorExitCodes.Failed;
        }
    }
}
