using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Uploads;

/// <summary>
/// The back half of a streamed upload: chunks of up to <see cref="AlignedBuffer.Size"/> bytes are
/// hashed (in order, on one core) and written (in order, direct I/O for every aligned block) while
/// the request keeps filling the next buffer. At most <see cref="Depth"/> chunks are in flight, so
/// memory stays constant whatever the blob size; the file always holds a contiguous prefix.
/// </summary>
internal sealed class ChunkedFileWriter(SafeFileHandle file, long offset, IncrementalHash hash, bool direct) : IAsyncDisposable
{
    private const int Depth = 3;

    private readonly AlignedBuffer?[] _buffers = new AlignedBuffer?[Depth];
    private readonly Task[] _busy = [Task.CompletedTask, Task.CompletedTask, Task.CompletedTask];
    private Task _hashing = Task.CompletedTask;
    private Task _writing = Task.CompletedTask;
    private int _slot;
    private long _position = offset;
    private bool _directAllowed = direct;
    private bool _direct;

    /// <summary>
    /// The buffer to fill next, once the chunk that used it before is hashed and written. Its
    /// length brings the file to an aligned offset, so every later chunk can be written directly.
    /// </summary>
    public async ValueTask<Memory<byte>> NextBufferAsync()
    {
        await _busy[_slot];
        var buffer = _buffers[_slot] ??= AlignedBuffer.Rent();
        return buffer.Memory[..(AlignedBuffer.Size - (int)(_position % DirectIo.Alignment))];
    }

    /// <summary>Hands on the first <paramref name="length"/> bytes of the buffer <see cref="NextBufferAsync"/> gave.</summary>
    public void Submit(int length)
    {
        ReadOnlyMemory<byte> chunk = _buffers[_slot]!.Memory[..length];
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
        _busy[_slot] = Task.WhenAll(_hashing, _writing);
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
            await CompleteAsync();
        }
        catch (Exception)
        {
            // Already thrown to the caller by CompleteAsync or NextBufferAsync, or about to be.
        }

        for (var i = 0; i < Depth; i++)
        {
            if (_buffers[i] is { } buffer)
            {
                AlignedBuffer.Return(buffer);
                _buffers[i] = null;
            }
        }

        if (_direct)
        {
            DirectIo.TrySet(file, false);
        }
    }

    /// <summary>The aligned blocks of a chunk go straight to the device; a ragged head or tail goes through the page cache.</summary>
    private void Write(ReadOnlyMemory<byte> chunk, long at)
    {
        if (_directAllowed && DirectIo.IsAligned(at))
        {
            var aligned = chunk.Length - (chunk.Length % DirectIo.Alignment);
            if (aligned > 0 && SetDirect(true) && TryWriteDirect(chunk.Span[..aligned], at))
            {
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
    /// is not an upload error: the same bytes go through the page cache instead, and so does the
    /// rest of the upload. Positional writes can simply be repeated.
    /// </summary>
    private bool TryWriteDirect(ReadOnlySpan<byte> blocks, long at)
    {
        try
        {
            RandomAccess.Write(file, blocks, at);
            return true;
        }
        catch (IOException)
        {
            _directAllowed = false;
            return false;
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
}
