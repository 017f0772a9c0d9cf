using System.Net;

namespace Portalcrane.EndToEnd.Tests.Http;

/// <summary>
/// A request body sent in 1 MiB writes that stops after <paramref name="pauseAt"/> bytes, flushed,
/// until <paramref name="resume"/> completes: a client stalled mid-upload, or several clients lined
/// up so that their uploads finish at the same moment.
/// </summary>
public sealed class PausingContent(ReadOnlyMemory<byte> data, long pauseAt, Task resume) : HttpContent
{
    private const int Piece = 1 << 20;
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the bytes before the pause are written to the connection.</summary>
    public Task Paused => _paused.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        long sent = 0;
        while (sent < data.Length)
        {
            if (sent == pauseAt)
            {
                await stream.FlushAsync(cancellationToken);
                _paused.TrySetResult();
                await resume.WaitAsync(cancellationToken);
            }

            var end = sent < pauseAt ? Math.Min(pauseAt, data.Length) : data.Length;
            var count = (int)Math.Min(Piece, end - sent);
            await stream.WriteAsync(data.Slice((int)sent, count), cancellationToken);
            sent += count;
        }

        _paused.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = data.Length;
        return true;
    }
}
