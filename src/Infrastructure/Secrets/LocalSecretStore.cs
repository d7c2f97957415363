using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Secrets;

/// <summary>
/// Secrets as files under <c>&lt;data dir&gt;/secrets</c>, mode 0600, one JSON document per secret holding
/// its current and previous value. Created once, reused on every start; files are small, so nothing is cached.
/// </summary>
public sealed partial class LocalSecretStore(DataDirectory dataDirectory) : ISecretStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public async Task<SecretVersions> GetOrCreateAsync(string name, Func<string> generateInitialValue, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            SecretFile.TryCreate(path, JsonSerializer.Serialize(new SecretVersions(generateInitialValue(), null), Json));
        }

        return await ReadAsync(path, cancellationToken);
    }

    public async Task<SecretVersions> PutAsync(string name, string value, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var previous = File.Exists(path) ? (await ReadAsync(path, cancellationToken)).Current : null;
            var versions = new SecretVersions(value, previous);
            SecretFile.Replace(path, JsonSerializer.Serialize(versions, Json));
            return versions;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Invalidate(string name)
    {
        // Every read goes to the file already.
    }

    private static async Task<SecretVersions> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SecretVersions>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"The secret file {path} is empty.");
    }

    private string PathOf(string name)
    {
        if (!SafeName().IsMatch(name))
        {
            throw new ArgumentException("A secret name is 1 to 64 letters, digits, '-' or '_'.", nameof(name));
        }

        dataDirectory.EnsureExists();
        var folder = dataDirectory.Combine(DataDirectory.SecretsFolderName);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return Path.Combine(folder, name + ".json");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeName();
}
