using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Tests;

[CollectionDefinition(nameof(PageCacheWarmerTests), DisableParallelization = true)]
public sealed class MachineLoadCollection;

/// <summary>
/// The warmer stays off the CPUs while the machine is busy and gets to work once it is idle. Alone
/// in its collection, so that other tests do not keep the machine busy meanwhile.
/// </summary>
[Collection(nameof(PageCacheWarmerTests))]
public sealed class PageCacheWarmerTests
{
    [Fact]
    public async Task The_warmer_waits_while_the_machine_is_busy_and_warms_once_it_is_idle()
    {
        await using var server = await RegistryServer.StartAsync();
        var (content, digest, path) = await ColdReadTests.PushAsync(server);

        using var load = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => Task.Factory.StartNew(() => Spin(load.Token), TaskCreationOptions.LongRunning))
            .ToArray();
        try
        {
            using (var get = await server.Client.GetAsync($"/v2/app/blobs/{digest}"))
            {
                Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.InRange(ColdReadTests.ResidentPages(path), 0, 1);
        }
        finally
        {
            await load.CancelAsync();
            await Task.WhenAll(spinners);
        }

        Assert.True(await ColdReadTests.WarmedAsync(path, TimeSpan.FromSeconds(60)), "not warmed within 60 s of the machine going idle");
    }

    [Fact]
    public void Cpu_times_are_read_from_the_kernel_counters()
    {
        var times = IdleGate.CpuTimes.Parse(
            "cpu  665639 70807 289932 1387370 44360 0 30606 1212 0 0",
            "4242 (.NET page-cache) S 1 4242 4242 0 -1 4194624 12 0 0 0 37 5 0 0 39 19 1 0 123 0 0");
        Assert.NotNull(times);
        Assert.Equal(665639 + 70807 + 289932 + 30606 + 1212, times.Busy);
        Assert.Equal(times.Busy + 1387370 + 44360, times.Total);
        Assert.Equal(42, times.Own);

        var later = times with { Busy = times.Busy + 150, Total = times.Total + 200, Own = times.Own + 50 };
        Assert.Equal(0.5, later.OthersBusySince(times));
        Assert.Equal(0, times.OthersBusySince(later));
        Assert.Null(IdleGate.CpuTimes.Parse("intr 1 2 3", "4242 (x) S"));
        Assert.NotNull(IdleGate.CpuTimes.Read());
    }

    private static void Spin(CancellationToken stop)
    {
        var x = 0UL;
        while (!stop.IsCancellationRequested)
        {
            x = (x * 6364136223846793005UL) + 1442695040888963407UL;
        }

        GC.KeepAlive(x);
    }
}
