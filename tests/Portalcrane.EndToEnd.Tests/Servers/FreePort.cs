using System.Net;
using System.Net.Sockets;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>Loopback ports nobody listens on, found by letting the kernel pick one.</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
