namespace Portalcrane.Registry.Metadata;

/// <summary>
/// An upload session in progress. Its bytes live in a temp file named by <see cref="Id"/>;
/// the file's length is the session's offset, so a restart loses nothing that was written.
/// </summary>
public sealed class UploadEntity
{
    /// <summary>32 lowercase hex characters (a GUID without dashes): safe as a file name.</summary>
    public required string Id { get; set; }

    public required string RepositoryName { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
