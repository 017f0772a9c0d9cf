using System.Globalization;

namespace Portalcrane.Oci;

/// <summary>
/// The <c>Content-Range</c> of a chunk upload: <c>&lt;start&gt;-&lt;end&gt;</c>, both inclusive.
/// The HTTP form <c>bytes start-end/total</c> that some clients send is accepted too.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-a-blob-in-chunks
/// </summary>
public readonly record struct ContentRange(long Start, long End)
{
    public long Length => End - Start + 1;

    public static bool TryParse(string? value, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..].TrimStart();
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                text = text[..slash];
            }
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
        {
            return false;
        }

        range = new ContentRange(start, end);
        return true;
    }

    /// <summary>The <c>Range</c> header a registry answers for an upload holding <paramref name="size"/> bytes.</summary>
    public static string FormatUploaded(long size) =>
        string.Create(CultureInfo.InvariantCulture, $"0-{Math.Max(0, size - 1)}");
}
