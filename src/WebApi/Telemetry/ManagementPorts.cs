namespace Orchestrator.WebApi.Telemetry;

/// <summary>The local ports of the management address; a connection accepted on one of them is a management request.</summary>
public sealed class ManagementPorts(int[] ports)
{
    public bool Contains(int localPort) => localPort > 0 && Array.IndexOf(ports, localPort) >= 0;
}
