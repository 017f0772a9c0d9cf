namespace Portalcrane.Registry.Storage;

/// <summary>
/// Where the registry keeps its files under the data folder. Every path below is built from
/// validated digests and upload ids only, never from a name a client chose.
/// </summary>
public sealed class RegistryPaths
{
    public RegistryPaths(string dataDirectory)
    {
        Root = Path.GetFullPath(dataDirectory);
        Blobs = Path.Combine(Root, "blobs");
        Uploads = Path.Combine(Root, "uploads");
        Database = Path.Combine(Root, "portalcrane.db");
    }

    public string Root { get; }

    /// <summary>Content-addressed blobs: <c>blobs/&lt;algorithm&gt;/&lt;first two hex&gt;/&lt;hex&gt;</c>.</summary>
    public string Blobs { get; }

    /// <summary>Upload sessions in progress, one file each, on the same filesystem as <see cref="Blobs"/> so a commit is a rename.</summary>
    public string Uploads { get; }

    /// <summary>The SQLite database that holds the registry index and the manager's data.</summary>
    public string Database { get; }

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Blobs);
        Directory.CreateDirectory(Uploads);
    }
}
