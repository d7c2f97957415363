using System.Net;
using Orchestrator.Infrastructure.Admission;

namespace Orchestrator.UnitTests.Infrastructure.Limits;

public sealed class RateKeysTests
{
    [Theory]
    [InlineData("203.0.113.7", 64, "ip:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", 64, "ip:203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 48, "ip:2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 61, "ip:2001:db8:1::/61")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 128, "ip:2001:db8:1:2:aaaa:bbbb:cccc:dddd/128")]
    [InlineData("ffff::1", 1, "ip:8000::/1")]
    [InlineData("fe80::1%3", 64, "ip:fe80::/64")]
    public void A_client_is_its_ipv4_address_or_its_ipv6_network(string address, int prefixLength, string key) =>
        RateKeys.ClientNetwork(IPAddress.Parse(address), prefixLength).ShouldBe(key);

    [Fact]
    public void An_unknown_peer_has_one_key() => RateKeys.ClientNetwork(null, 64).ShouldBe("ip:unknown");
}
