using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Uploads;

/// <summary>
/// The back half of a streamed upload: chunks of up to <see cref="AlignedBuffer.Size"/> bytes are
/// hashed (in order, on one core) and written (in order, direct I/O for every aligned block) while
/// the request keeps filling the next buffer. At most <see cref="Depth"/> chunks are in flight and
/// each buffer goes back as soon as its chunk is hashed and written, so memory stays constant
/// whatever the blob size; the file always holds a contiguous prefix of the body.
/// </summary>
internal sealed partial class ChunkedFileWriter(SafeFileHandle file, long offset, IncrementalHash hash, bool direct, ILogger logger) : IAsyncDisposable
{
    private const int Depth = 3;

    private static int _refusalLogged;

    private readonly Task[] _busy = Enumerable.Repeat(Task.CompletedTask, Depth).ToArray();
    private AlignedBuffer? _filling;
    private Task _hashing = Task.CompletedTask;
    private Task _writing = Task.CompletedTask;
    private int _slot;
    private long _position = offset;
    private bool _directAllowed = direct && !DirectIo.Refused;
    private bool _direct;

    /// <summary>
    /// The buffer to fill next, once the chunk that used its slot before is hashed and written. Its
    /// length brings the file to an aligned offset, so every later chunk can be written directly.
    /// </summary>
    public async ValueTask<Memory<byte>> NextBufferAsync(CancellationToken cancellationToken)
    {
        await _busy[_slot];
        _filling = await AlignedBuffer.RentAsync(cancellationToken);
        return _filling.Memory[..(AlignedBuffer.Size - (int)(_position % DirectIo.Alignment))];
    }

    /// <summary>Hands on the first <paramref name="length"/> bytes of the buffer <see cref="NextBufferAsync"/> gave.</summary>
    public void Submit(int length)
    {
        var buffer = _filling!;
        _filling = null;
        ReadOnlyMemory<byte> chunk = buffer.Memory[..length];
        var at = _position;
        var previousHash = _hashing;
        var previousWrite = _writing;
        _hashing = Task.Run(async () =>
        {
            await previousHash;
            hash.AppendData(chunk.Span);
        });
        _writing = Task.Run(async () =>
        {
            await previousWrite;
            Write(chunk, at);
        });
        _busy[_slot] = ReturnWhenDoneAsync(buffer, _hashing, _writing);
        _position += length;
        _slot = (_slot + 1) % Depth;
    }

    /// <summary>Waits until every submitted chunk is hashed and written (and throws what failed).</summary>
    public Task CompleteAsync() => Task.WhenAll(_hashing, _writing);

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Nothing may still write to the file or read a buffer once the caller moves on.
            await Task.WhenAll(_busy);
        }
        catch (Exception)
        {
            // Already thrown to the caller by CompleteAsync or NextBufferAsync, or about to be.
        }

        if (_filling is { } unsent)
        {
            AlignedBuffer.Return(unsent);
            _filling = null;
        }

        if (_direct)
        {
            DirectIo.TrySet(file, false);
        }
    }

    private static async Task ReturnWhenDoneAsync(AlignedBuffer buffer, Task hashing, Task writing)
    {
        try
        {
            await Task.WhenAll(hashing, writing);
        }
        finally
        {
            AlignedBuffer.Return(buffer);
        }
    }

    /// <summary>The aligned blocks of a chunk go straight to the device; a ragged head or tail goes through the page cache.</summary>
    private void Write(ReadOnlyMemory<byte> chunk, long at)
    {
        if (_directAllowed && DirectIo.IsAligned(at))
        {
            var aligned = chunk.Length - (chunk.Length % DirectIo.Alignment);
            if (aligned > 0 && SetDirect(true))
            {
                WriteDirect(chunk[..aligned], at);
                chunk = chunk[aligned..];
                at += aligned;
            }
        }

        if (!chunk.IsEmpty)
        {
            SetDirect(false);
            RandomAccess.Write(file, chunk.Span, at);
        }
    }

    /// <summary>
    /// A direct write the file system turns down (some accept the flag, then refuse the write)
    /// is not an upload error: the same bytes are written again through the page cache, and if
    /// that works, direct I/O is off for the rest of this process. If that fails too, the error
    /// was not about direct I/O and the upload fails with it.
    /// </summary>
    private void WriteDirect(ReadOnlyMemory<byte> blocks, long at)
    {
        try
        {
            RandomAccess.Write(file, blocks.Span, at);
        }
        catch (IOException error)
        {
            SetDirect(false);
            RandomAccess.Write(file, blocks.Span, at);
            _directAllowed = false;
            DirectIo.Refused = true;
            if (Interlocked.Exchange(ref _refusalLogged, 1) == 0)
            {
                LogDirectRefused(logger, error.Message);
            }
        }
    }

    private bool SetDirect(bool enabled)
    {
        if (_direct == enabled)
        {
            return true;
        }

        if (DirectIo.TrySet(file, enabled))
        {
            _direct = enabled;
            return true;
        }

        // Not supported here (platform or file system): buffered from now on.
        _directAllowed = false;
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data folder's file system refused a direct write ({Error}); uploads go through the page cache from now on")]
    private static partial void LogDirectRefused(ILogger logger, string error);
}
