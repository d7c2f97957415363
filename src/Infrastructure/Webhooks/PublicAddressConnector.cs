using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// The delivery client's <c>ConnectCallback</c>: resolves the host itself, refuses the connection unless every address
/// is public (or the host is allowed by configuration), then connects to one of exactly those addresses. Checking the
/// address connected to, not the name, closes the DNS-rebinding way in (a name public at registration, private now).
/// </summary>
public sealed class PublicAddressConnector(WebhookTargetPolicy policy, IHostAddressResolver resolver)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        if (!policy.IsAllowed(host) && addresses.FirstOrDefault(a => !PublicAddresses.IsPublic(a)) is { } refused)
        {
            throw new WebhookTargetRefusedException($"{host} resolves to the non-public address {refused}");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
