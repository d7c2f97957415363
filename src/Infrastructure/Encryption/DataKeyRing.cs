using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.Infrastructure.Encryption;

/// <summary>
/// The AES-256 data-encryption keys: one active key that encrypts, every older key kept to decrypt what it
/// still protects. Stored as one secret: <c>{"active":"1a2b3c4d","keys":{"1a2b3c4d":"&lt;base64&gt;",...}}</c>.
/// </summary>
public sealed class DataKeyRing
{
    public const int KeyBytes = 32;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DataKeyRing(uint activeKeyId, IDictionary<uint, byte[]> keys)
    {
        ActiveKeyId = activeKeyId;
        Keys = new ReadOnlyDictionary<uint, byte[]>(keys);
    }

    public uint ActiveKeyId { get; }

    public IReadOnlyDictionary<uint, byte[]> Keys { get; }

    public byte[] ActiveKey => Keys[ActiveKeyId];

    public static DataKeyRing CreateNew() => AddKey(new Dictionary<uint, byte[]>());

    /// <summary>
    /// The ring in the current version, plus any key only the previous version holds: when two rotations race,
    /// Secrets Manager keeps the loser as AWSPREVIOUS, and data it encrypted meanwhile stays readable.
    /// </summary>
    public static DataKeyRing FromSecret(SecretVersions versions)
    {
        var current = Parse(versions.Current);
        if (versions.Previous is null)
        {
            return current;
        }

        var keys = new Dictionary<uint, byte[]>(current.Keys);
        foreach (var (id, key) in Parse(versions.Previous).Keys)
        {
            keys.TryAdd(id, key);
        }

        return new DataKeyRing(current.ActiveKeyId, keys);
    }

    public static string FormatKeyId(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>A ring with one more key, which becomes the active one; every existing key stays.</summary>
    public DataKeyRing WithNewActiveKey() => AddKey(new Dictionary<uint, byte[]>(Keys));

    public string ToSecretValue() => JsonSerializer.Serialize(
        new Document(FormatKeyId(ActiveKeyId), Keys.ToDictionary(k => FormatKeyId(k.Key), k => Convert.ToBase64String(k.Value))),
        Json);

    public override string ToString() => $"DataKeyRing(active {FormatKeyId(ActiveKeyId)}, {Keys.Count} keys)";

    private static DataKeyRing AddKey(Dictionary<uint, byte[]> keys)
    {
        uint id;
        do
        {
            id = BinaryPrimitives.ReadUInt32BigEndian(RandomNumberGenerator.GetBytes(sizeof(uint)));
        }
        while (id == 0 || keys.ContainsKey(id));

        keys[id] = RandomNumberGenerator.GetBytes(KeyBytes);
        return new DataKeyRing(id, keys);
    }

    private static DataKeyRing Parse(string value)
    {
        var document = JsonSerializer.Deserialize<Document>(value, Json)
            ?? throw new InvalidDataException("The data key ring secret is empty.");
        var keys = new Dictionary<uint, byte[]>();
        foreach (var (id, key) in document.Keys ?? [])
        {
            var bytes = Convert.FromBase64String(key);
            if (bytes.Length != KeyBytes)
            {
                throw new InvalidDataException($"Data key {id} is {bytes.Length} bytes; AES-256 needs {KeyBytes}.");
            }

            keys[uint.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = bytes;
        }

        var active = uint.Parse(document.Active ?? string.Empty, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (!keys.ContainsKey(active))
        {
            throw new InvalidDataException($"The data key ring names active key {document.Active}, which it does not hold.");
        }

        return new DataKeyRing(active, keys);
    }

    private sealed record Document(string? Active, Dictionary<string, string>? Keys);
}
