using System.Globalization;

namespace Portalcrane.Ui;

/// <summary>How figures read on screen.</summary>
public static class Format
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB", "PB"];

    /// <summary>Bytes in decimal units, as registries and disks are sold: <c>1.5 GB</c>.</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Units[unit]}");
    }

    /// <summary>A digest shortened for a table: algorithm and the first 12 hex digits.</summary>
    public static string ShortDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || digest.Length < colon + 13 ? digest : digest[..(colon + 13)];
    }

    public static string Time(DateTime? utc) =>
        utc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>"3 minutes ago", for recent times.</summary>
    public static string Ago(DateTime? utc, DateTime now)
    {
        if (utc is not { } t)
        {
            return "never";
        }

        var span = now - t;
        return span.TotalSeconds < 60 ? "just now"
            : span.TotalMinutes < 60 ? Plural((int)span.TotalMinutes, "minute")
            : span.TotalHours < 24 ? Plural((int)span.TotalHours, "hour")
            : span.TotalDays < 60 ? Plural((int)span.TotalDays, "day")
            : Time(t);
    }

    private static string Plural(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? string.Empty : "s")} ago");
}
