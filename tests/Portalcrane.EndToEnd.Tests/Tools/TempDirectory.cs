namespace Portalcrane.EndToEnd.Tests.Tools;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>
    /// Short and lowercase on purpose: podman names an image pulled from <c>oci:PATH</c> after its
    /// path (image names must be lowercase) and refuses a run root longer than 50 characters.
    /// </summary>
    public TempDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portalcrane-{Guid.NewGuid().ToString("N")[..10]}")).FullName;

    public string Path { get; }

    /// <summary>A path inside this folder (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A new empty subfolder.</summary>
    public string CreateDirectory(string name) => Directory.CreateDirectory(Combine(name)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the OS temp cleaner gets it.
        }
        catch (UnauthorizedAccessException)
        {
            // Container storage can leave read-only folders behind; same as above.
        }
    }
}
