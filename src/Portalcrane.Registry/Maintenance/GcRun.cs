namespace Portalcrane.Registry.Maintenance;

public enum GcPhase
{
    Starting,
    Uploads,
    Manifests,
    Blobs,
    Files,
    Done,
    Failed,
}

/// <summary>A garbage collection run as it progresses: what was found (a dry run stops there) and what went.</summary>
public sealed record GcRun
{
    public required Guid Id { get; init; }

    public required bool DryRun { get; init; }

    public required bool DeleteUntagged { get; init; }

    public required string StartedBy { get; init; }

    public required DateTime StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public GcPhase Phase { get; init; }

    public int UploadsPurged { get; init; }

    public int ManifestsFound { get; init; }

    public int ManifestsDeleted { get; init; }

    public int BlobsFound { get; init; }

    public long BytesFound { get; init; }

    public int BlobsDeleted { get; init; }

    public long BytesFreed { get; init; }

    /// <summary>Blob files on disk that the index does not know (left by a crash between rename and insert).</summary>
    public int OrphanFilesDeleted { get; init; }

    public string? Error { get; init; }

    public bool Running => Phase is not (GcPhase.Done or GcPhase.Failed);

    public TimeSpan? Duration => FinishedAt - StartedAt;
}
