using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portalcrane.Oci;
using Portalcrane.Registry.Blobs;
using Portalcrane.Registry.Metadata;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Uploads;

/// <summary>
/// Blob upload sessions: monolithic, chunked and streamed. Bytes go to a temp file with the hash
/// computed on the way; the blob becomes visible only after its digest is verified.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-blobs
/// </summary>
public sealed partial class UploadService(
    RegistryDbContext db,
    RegistryPaths paths,
    BlobStore store,
    BlobService blobs,
    BlobLocks locks,
    UploadHashCache hashes,
    TimeProvider time,
    IOptions<RegistryOptions> options,
    ILogger<UploadService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static bool IsValidId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    public async Task<string> StartAsync(string repository, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        File.OpenHandle(FileOf(id), FileMode.CreateNew, FileAccess.Write).Dispose();
        var now = Now;
        db.Uploads.Add(new UploadEntity { Id = id, RepositoryName = repository, StartedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>The number of bytes the session holds, or null when there is no such session.</summary>
    public async Task<long?> GetSizeAsync(string repository, string uploadId, CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(repository, uploadId, cancellationToken))
        {
            return null;
        }

        var file = new FileInfo(FileOf(uploadId));
        return file.Exists ? file.Length : null;
    }

    public async Task<UploadOutcome> AppendAsync(string repository, string uploadId, PipeReader body, ContentRange? range, long? contentLength, CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(repository, uploadId, cancellationToken))
        {
            return new UploadOutcome(UploadStatus.Unknown);
        }

        var state = hashes.Get(uploadId);
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            var outcome = await WriteChunkAsync(uploadId, state, body, range, contentLength, cancellationToken);
            if (outcome.Status == UploadStatus.Accepted)
            {
                var now = Now;
                await db.Uploads.Where(u => u.Id == uploadId).ExecuteUpdateAsync(s => s.SetProperty(u => u.UpdatedAt, now), cancellationToken);
            }

            return outcome;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Takes an optional last chunk, verifies the digest over the whole session and stores the blob.</summary>
    public async Task<UploadOutcome> CompleteAsync(string repository, string uploadId, Digest digest, PipeReader body, ContentRange? range, long? contentLength, CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(repository, uploadId, cancellationToken))
        {
            return new UploadOutcome(UploadStatus.Unknown);
        }

        var state = hashes.Get(uploadId);
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            var path = FileOf(uploadId);
            var before = new FileInfo(path).Length;
            var chunk = await WriteChunkAsync(uploadId, state, body, range, contentLength, cancellationToken);
            if (chunk.Status != UploadStatus.Accepted)
            {
                return chunk;
            }

            var actual = digest.Algorithm == Digest.Sha256 && state.Hash is { } running && state.Offset == chunk.Size
                ? Digest.FromHash(Digest.Sha256, running.GetCurrentHash())
                : await HashFileAsync(path, chunk.Size, digest.Algorithm, cancellationToken);
            if (actual != digest)
            {
                // A failed finish changes nothing: the session is as it was before this request.
                TruncateTo(path, before);
                state.Reset();
                return new UploadOutcome(UploadStatus.DigestInvalid, before, actual);
            }

            await using (await locks.AcquireAsync(digest, cancellationToken))
            {
                store.Commit(path, digest);
                await blobs.LinkAsync(repository, digest, chunk.Size, cancellationToken);
            }

            await db.Uploads.Where(u => u.Id == uploadId).ExecuteDeleteAsync(cancellationToken);
            hashes.Remove(uploadId);
            LogCommitted(logger, repository, digest.ToString(), chunk.Size);
            return new UploadOutcome(UploadStatus.Committed, chunk.Size, digest);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>A whole blob in one request (POST or PUT with <c>?digest=</c>), never registered as a session.</summary>
    public async Task<UploadOutcome> PutMonolithicAsync(string repository, Digest digest, PipeReader body, CancellationToken cancellationToken)
    {
        var path = FileOf(Guid.NewGuid().ToString("N"));
        try
        {
            Digest actual;
            long size;
            using (var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write))
            using (var hash = IncrementalHash.CreateHash(Digest.HashName(digest.Algorithm)))
            {
                size = await BodyWriter.CopyAsync(body, file, 0, hash, options.Value.DirectUploads, logger, cancellationToken);
                actual = Digest.FromHash(digest.Algorithm, hash.GetCurrentHash());
            }

            if (actual != digest)
            {
                return new UploadOutcome(UploadStatus.DigestInvalid, size, actual);
            }

            await using (await locks.AcquireAsync(digest, cancellationToken))
            {
                store.Commit(path, digest);
                await blobs.LinkAsync(repository, digest, size, cancellationToken);
            }

            LogCommitted(logger, repository, digest.ToString(), size);
            return new UploadOutcome(UploadStatus.Committed, size, digest);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public async Task<bool> CancelAsync(string repository, string uploadId, CancellationToken cancellationToken)
    {
        if (!IsValidId(uploadId))
        {
            return false;
        }

        var removed = await db.Uploads.Where(u => u.Id == uploadId && u.RepositoryName == repository).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return false;
        }

        File.Delete(FileOf(uploadId));
        hashes.Remove(uploadId);
        return true;
    }

    /// <summary>Forgets sessions idle past the timeout and deletes temp files no session owns.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = Now - options.Value.UploadTimeout;
        var expired = await db.Uploads.Where(u => u.UpdatedAt <= cutoff).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var id in expired)
        {
            await db.Uploads.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken);
            File.Delete(FileOf(id));
            hashes.Remove(id);
        }

        var orphans = 0;
        foreach (var file in new DirectoryInfo(paths.Uploads).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc <= cutoff && !await db.Uploads.AnyAsync(u => u.Id == file.Name, cancellationToken))
            {
                file.Delete();
                orphans++;
            }
        }

        if (expired.Count + orphans > 0)
        {
            LogPurged(logger, expired.Count, orphans);
        }

        return expired.Count + orphans;
    }

    private async Task<UploadOutcome> WriteChunkAsync(string uploadId, UploadHashState state, PipeReader body, ContentRange? range, long? contentLength, CancellationToken cancellationToken)
    {
        var path = FileOf(uploadId);
        if (!File.Exists(path))
        {
            return new UploadOutcome(UploadStatus.Unknown);
        }

        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        var size = RandomAccess.GetLength(file);
        if (range is { } expected && expected.Start != size)
        {
            return new UploadOutcome(UploadStatus.RangeInvalid, size, Detail: $"chunk starts at {expected.Start} but the upload holds {size} bytes");
        }

        if (range is { } declared && contentLength is { } length && length != declared.Length)
        {
            return new UploadOutcome(UploadStatus.SizeInvalid, size, Detail: $"Content-Length {length} does not match Content-Range {declared.Start}-{declared.End}");
        }

        if (state.Hash is null || state.Offset != size)
        {
            state.Set(await BodyWriter.HashFileAsync(path, size, HashAlgorithmName.SHA256, cancellationToken), size);
        }

        long written;
        try
        {
            written = await BodyWriter.CopyAsync(body, file, size, state.Hash!, options.Value.DirectUploads, logger, cancellationToken);
        }
        catch
        {
            // The bytes that reached the file stay (the client may resume from the offset GET
            // reports); the running hash is rebuilt from the file next time.
            state.Reset();
            throw;
        }

        if (range is { } chunk && written != chunk.Length)
        {
            RandomAccess.SetLength(file, size);
            state.Reset();
            return new UploadOutcome(UploadStatus.SizeInvalid, size, Detail: $"received {written} bytes for Content-Range {chunk.Start}-{chunk.End}");
        }

        state.Set(state.Hash!, size + written);
        return new UploadOutcome(UploadStatus.Accepted, size + written);
    }

    private async Task<bool> IsOpenAsync(string repository, string uploadId, CancellationToken cancellationToken)
    {
        if (!IsValidId(uploadId))
        {
            return false;
        }

        var cutoff = Now - options.Value.UploadTimeout;
        return await db.Uploads.AnyAsync(u => u.Id == uploadId && u.RepositoryName == repository && u.UpdatedAt > cutoff, cancellationToken);
    }

    private static async Task<Digest> HashFileAsync(string path, long length, string algorithm, CancellationToken cancellationToken)
    {
        using var hash = await BodyWriter.HashFileAsync(path, length, Digest.HashName(algorithm), cancellationToken);
        return Digest.FromHash(algorithm, hash.GetCurrentHash());
    }

    private static void TruncateTo(string path, long length)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.SetLength(file, length);
    }

    private string FileOf(string uploadId) => Path.Combine(paths.Uploads, uploadId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored blob {Digest} ({Size} bytes) in {Repository}")]
    private static partial void LogCommitted(ILogger logger, string repository, string digest, long size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Expired} expired upload sessions and {Orphans} orphaned upload files")]
    private static partial void LogPurged(ILogger logger, int expired, int orphans);
}
