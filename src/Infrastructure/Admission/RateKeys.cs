namespace Orchestrator.Infrastructure.Admission;

/// <summary>The limiter store's key of a client address's rate limit (the Redis key adds the store's prefix and <c>rate:</c>).</summary>
internal static class RateKeys
{
    public const string ClientAddressPrefix = "ip:";

    public static string ClientAddress(string clientAddress) => ClientAddressPrefix + clientAddress;
}
