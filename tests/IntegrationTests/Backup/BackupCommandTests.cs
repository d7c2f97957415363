using System.Security.Cryptography;
using System.Text;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Backup;

/// <summary>
/// The backup and restore commands against a data directory a real host created: what a backup holds with and without
/// a passphrase, and every refusal (wrong passphrase, an altered file, a running service, keys without a passphrase),
/// each leaving the data directory exactly as it was.
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private const string Passphrase = "correct passphrase for the tests";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings;

    public BackupCommandTests()
    {
        Directory.CreateDirectory(_root);
        var dataDirectory = Path.Combine(_root, "data");
        using (var factory = OrchestratorApiFactory.OnDataDirectory(dataDirectory))
        {
            factory.DeletesDataDirectoryOnDispose(false);
            _ = factory.Server;
        }

        _settings = new Dictionary<string, string> { ["DataDirectory"] = dataDirectory };
        DataDirectory = dataDirectory;
    }

    private string DataDirectory { get; }

    private string SecretsFolder => Path.Combine(DataDirectory, "secrets");

    [Fact]
    public async Task Without_a_passphrase_the_backup_holds_no_keys_and_says_so()
    {
        var file = Path.Combine(_root, "plain.orchbak");

        var result = await ApiCommand.RunAsync(_settings, "backup", "--output", file);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Keys: NOT included");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Header(file).ShouldContain("\"keys\":null");
        ContainsAnyKeyMaterial(file).ShouldBeFalse();
        Directory.EnumerateFiles(_root, "*.tmp").ShouldBeEmpty("temporary files are removed");
    }

    [Fact]
    public async Task With_a_passphrase_the_keys_are_in_the_backup_but_never_in_clear()
    {
        var file = Path.Combine(_root, "keys.orchbak");

        var result = await ApiCommand.RunAsync(_settings, "backup", "--output", file, "--passphrase-file", PassphraseFile(Passphrase));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Keys: included, 2 file(s)");
        Header(file).ShouldContain("\"kdf\":\"argon2id\"");
        ContainsAnyKeyMaterial(file).ShouldBeFalse();
    }

    [Fact]
    public async Task A_wrong_passphrase_is_refused_and_nothing_changes()
    {
        var file = await BackupWithKeysAsync();
        var before = Snapshot();

        var result = await ApiCommand.RunAsync(_settings, "restore", "--input", file, "--passphrase-file", PassphraseFile("not the passphrase at all"));

        result.ExitCode.ShouldBe(5, result.ToString());
        result.Error.ShouldContain("The passphrase is not the one this backup was made with");
        result.Error.ShouldContain("Nothing was changed");
        Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task A_backup_with_keys_is_not_restored_without_its_passphrase()
    {
        var file = await BackupWithKeysAsync();
        var before = Snapshot();

        var result = await ApiCommand.RunAsync(_settings, "restore", "--input", file);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--passphrase-file");
        Snapshot().ShouldBe(before);
    }

    [Theory]
    [InlineData("a flipped byte in the database")]
    [InlineData("a flipped byte in the database, checksum recomputed")]
    [InlineData("a flipped byte in the encrypted keys, checksum recomputed")]
    [InlineData("cut short")]
    public async Task An_altered_backup_is_refused_and_nothing_changes(string alteration)
    {
        var file = await BackupWithKeysAsync();
        var bytes = File.ReadAllBytes(file);
        var headerEnd = 14 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(10));
        switch (alteration)
        {
            case "cut short":
                bytes = bytes[..^100];
                break;
            case "a flipped byte in the encrypted keys, checksum recomputed":
                bytes[^40] ^= 0x01;
                SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
                break;
            default:
                bytes[headerEnd + 2000] ^= 0x01;
                if (alteration.EndsWith("recomputed", StringComparison.Ordinal))
                {
                    SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
                }

                break;
        }

        File.WriteAllBytes(file, bytes);
        var before = Snapshot();

        var result = await ApiCommand.RunAsync(_settings, "restore", "--input", file, "--passphrase-file", PassphraseFile(Passphrase));

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Error.ShouldContain("is damaged or was altered");
        Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Restore_refuses_while_the_service_runs_on_the_data_directory()
    {
        var file = await BackupWithKeysAsync();
        var before = Snapshot();

        // What every running instance holds: a shared lock on the data directory's service.lock.
        ApiCommand.Result result;
        await using (new FileStream(Path.Combine(DataDirectory, "service.lock"), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite))
        {
            result = await ApiCommand.RunAsync(_settings, "restore", "--input", file, "--passphrase-file", PassphraseFile(Passphrase));
        }

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("the service is running");
        result.Error.ShouldContain("Stop every instance");
        Snapshot().ShouldBe(before);

        var after = await ApiCommand.RunAsync(_settings, "restore", "--input", file, "--passphrase-file", PassphraseFile(Passphrase));
        after.ExitCode.ShouldBe(0, after.ToString());
    }

    [Fact]
    public async Task A_command_line_without_its_file_answers_the_usage()
    {
        var result = await ApiCommand.RunAsync(_settings, "backup");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("backup needs --output FILE");
        result.Error.ShouldContain("Exit codes");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<string> BackupWithKeysAsync()
    {
        var file = Path.Combine(_root, $"{Guid.NewGuid():N}.orchbak");
        var result = await ApiCommand.RunAsync(_settings, "backup", "--output", file, "--passphrase-file", PassphraseFile(Passphrase));
        result.ExitCode.ShouldBe(0, result.ToString());
        return file;
    }

    private string PassphraseFile(string passphrase) => RestoreDrillTests.WritePassphrase(_root, passphrase);

    private static string Header(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(10));
        return Encoding.UTF8.GetString(bytes, 14, length);
    }

    /// <summary>Whether any key value of the secret files (their base64 strings) appears in the file as written.</summary>
    private bool ContainsAnyKeyMaterial(string file)
    {
        var content = Encoding.Latin1.GetString(File.ReadAllBytes(file));
        var values = Directory.EnumerateFiles(SecretsFolder).SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "[A-Za-z0-9+/=_-]{24,}").Select(m => m.Value)).ToList();
        values.ShouldNotBeEmpty();
        return values.Any(v => content.Contains(v, StringComparison.Ordinal));
    }

    /// <summary>Every file of the data directory with its SHA-256: "nothing changed" is this staying the same.</summary>
    private string Snapshot() => string.Join('\n', Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith("service.lock", StringComparison.Ordinal))
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(DataDirectory, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
