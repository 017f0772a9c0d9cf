using System.Diagnostics.CodeAnalysis;

namespace Portalcrane.Registry.Endpoints;

internal enum RouteKind
{
    Tags,
    Manifest,
    Blob,
    UploadStart,
    Upload,
    Referrers,
}

/// <summary>
/// A <c>/v2/&lt;name&gt;/...</c> path split into its repository name and operation. Names may
/// contain slashes (and even segments such as "manifests"), so the path is read from the right.
/// The name is returned as written: the caller validates it against the grammar.
/// </summary>
internal readonly record struct RegistryRoute(RouteKind Kind, string Name, string Argument)
{
    public static bool TryParse(string path, [NotNullWhen(true)] out RegistryRoute? route)
    {
        route = null;
        var segments = path.Split('/');
        var n = segments.Length;
        if (n < 3)
        {
            return false;
        }

        string Name(int drop) => string.Join('/', segments, 0, n - drop);

        if (segments[n - 2] == "tags" && segments[n - 1] == "list")
        {
            route = new RegistryRoute(RouteKind.Tags, Name(2), string.Empty);
        }
        else if (segments[n - 2] == "manifests")
        {
            route = new RegistryRoute(RouteKind.Manifest, Name(2), segments[n - 1]);
        }
        else if (segments[n - 2] == "referrers")
        {
            route = new RegistryRoute(RouteKind.Referrers, Name(2), segments[n - 1]);
        }
        else if (segments[n - 2] == "blobs" && segments[n - 1] == "uploads")
        {
            route = new RegistryRoute(RouteKind.UploadStart, Name(2), string.Empty);
        }
        else if (n >= 4 && segments[n - 3] == "blobs" && segments[n - 2] == "uploads")
        {
            route = segments[n - 1].Length == 0
                ? new RegistryRoute(RouteKind.UploadStart, Name(3), string.Empty)
                : new RegistryRoute(RouteKind.Upload, Name(3), segments[n - 1]);
        }
        else if (segments[n - 2] == "blobs")
        {
            route = new RegistryRoute(RouteKind.Blob, Name(2), segments[n - 1]);
        }

        return route is not null;
    }
}
