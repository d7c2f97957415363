using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.Infrastructure.Admission;

/// <summary>
/// The limiter store's key of a client's rate limit (the Redis key adds the store's prefix and <c>rate:</c>): an
/// IPv4 address (an IPv4-mapped IPv6 address counts as its IPv4 address), or the IPv6 network of
/// <see cref="RateLimitingOptions.Ipv6PrefixLength"/> leading bits, <c>ip:2001:db8:1:2::/64</c>, since one
/// IPv6 customer holds a whole /64 or more (docs/decisions/0020-bounded-limiter-memory.md).
/// </summary>
internal static class RateKeys
{
    public const string ClientAddressPrefix = "ip:";

    public static string ClientNetwork(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return ClientAddressPrefix + "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ClientAddressPrefix + address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        for (var bit = ipv6PrefixLength; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        // A new address: the scope id (a link-local interface) goes too.
        var network = new IPAddress(bytes);
        return string.Create(CultureInfo.InvariantCulture, $"{ClientAddressPrefix}{network}/{ipv6PrefixLength}");
    }
}
