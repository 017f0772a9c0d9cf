using System.Text.Json;

namespace Portalcrane.Tests.Hosting;

/// <summary>The runtime settings the host ships with, as the published app reads them.</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void Idle_thread_pool_workers_do_not_spin()
    {
        // Idle workers spinning on sched_yield between the chunks of a push took about 1.5 s of CPU
        // per 1 GiB pushed by skopeo; on a small machine that is CPU the registry clients need.
        var path = Path.Combine(AppContext.BaseDirectory, "Portalcrane.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
