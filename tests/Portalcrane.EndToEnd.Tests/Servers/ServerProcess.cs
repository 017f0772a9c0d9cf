using System.Diagnostics;
using System.Globalization;
using System.Net;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>
/// One run of a server started by a test: its output goes to a <see cref="ProcessLog"/>, it is
/// ready when an HTTP probe answers 200, and it is killed (by its own PID) when disposed.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly ProcessLog _log;
    private readonly string _name;

    private ServerProcess(Process process, ProcessLog log, string name)
    {
        _process = process;
        _log = log;
        _name = name;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(ProcessStartInfo info, ProcessLog log, string name)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => log.Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => log.Append("err", e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {info.FileName}");
        }

        log.Append("test", $"started {name} as PID {process.Id}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, name);
    }

    /// <summary>Polls <paramref name="probe"/> until it answers 200; fails the test if the process exits or time runs out.</summary>
    public async Task WaitUntilReadyAsync(Uri probe, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{_name} exited with code {_process.ExitCode} before {probe} answered\n{_log}");
            }

            try
            {
                using var response = await http.GetAsync(probe, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe timed out; try again.
            }

            if (clock.Elapsed > StartTimeout)
            {
                Assert.Fail($"{_name} did not answer 200 on {probe} within {StartTimeout.TotalSeconds} s\n{_log}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>A graceful stop: SIGTERM, then waits for the process to exit on its own.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return;
        }

        await ExternalCommand.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], null, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            Assert.Fail($"{_name} did not exit within {StopTimeout.TotalSeconds} s of SIGTERM\n{_log}");
        }

        _log.Append("test", $"{_name} exited with code {_process.ExitCode} after SIGTERM");
        Assert.True(_process.ExitCode == 0, $"{_name} should exit with code 0 when asked to stop, not {_process.ExitCode}\n{_log}");
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _log.Append("test", $"killed {_name} (PID {_process.Id})");
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }
}
