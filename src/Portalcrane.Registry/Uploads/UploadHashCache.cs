using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Portalcrane.Registry.Uploads;

/// <summary>
/// The running SHA-256 of each upload session in this process, so a chunked upload is hashed
/// once as it arrives. After a restart (or on another replica) the state is rebuilt from the
/// session's file; the file is the truth, this is only a shortcut.
/// </summary>
public sealed class UploadHashCache
{
    private readonly ConcurrentDictionary<string, UploadHashState> _states = new(StringComparer.Ordinal);

    public UploadHashState Get(string uploadId) => _states.GetOrAdd(uploadId, static _ => new UploadHashState());

    public void Remove(string uploadId)
    {
        if (_states.TryRemove(uploadId, out var state))
        {
            state.Reset();
        }
    }
}

/// <summary>One session's hash and the number of bytes it covers, with a gate that serialises its writers.</summary>
public sealed class UploadHashState
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public IncrementalHash? Hash { get; private set; }

    /// <summary>Bytes of the session's file that <see cref="Hash"/> has seen.</summary>
    public long Offset { get; private set; } = -1;

    public void Set(IncrementalHash hash, long offset)
    {
        if (!ReferenceEquals(Hash, hash))
        {
            Hash?.Dispose();
        }

        Hash = hash;
        Offset = offset;
    }

    public void Reset()
    {
        Hash?.Dispose();
        Hash = null;
        Offset = -1;
    }
}
