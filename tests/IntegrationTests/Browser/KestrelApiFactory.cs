using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Browser;

/// <summary>The real API on a real Kestrel socket (a free loopback port), for a real browser.</summary>
public sealed class KestrelApiFactory : OrchestratorApiFactory
{
    private readonly Lazy<Uri> _baseAddress;

    public KestrelApiFactory()
    {
        UseKestrel(0);

        // As in every test host: the browser signs the bootstrap admin in with the password flow, which cannot send otp.
        With("Security:RequireMfaForAdmins", "false");
        _baseAddress = new Lazy<Uri>(Start);
    }

    /// <summary>Where the API listens; starts it on first use.</summary>
    public Uri BaseAddress => _baseAddress.Value;

    private Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
