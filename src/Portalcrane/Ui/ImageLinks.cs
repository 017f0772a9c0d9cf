namespace Portalcrane.Ui;

/// <summary>Addresses of the image pages (repository names keep their slashes in the path).</summary>
public static class ImageLinks
{
    public static string Of(string repository) => $"/images/{repository}";

    public static string Tag(string repository, string tag) => $"/images/{repository}/-/tags/{Uri.EscapeDataString(tag)}";
}
