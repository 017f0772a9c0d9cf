using System.Globalization;
using System.Text.Json;

namespace Portalcrane.Oci;

/// <summary>
/// What an image config says about the image: platform, build time, how it runs, and the history
/// lines that created its layers.
/// https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md
/// </summary>
public sealed record ImageConfig
{
    /// <summary>The most a config may weigh to be read (real ones are a few KiB).</summary>
    public const int MaxSize = 4 * 1024 * 1024;

    public string? Os { get; init; }

    public string? Architecture { get; init; }

    public string? Variant { get; init; }

    public DateTime? Created { get; init; }

    public string? Author { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    public Platform? Platform => Os is null || Architecture is null ? null : new Platform(Os, Architecture, Variant);

    /// <summary>Reads a config; null when it is not a JSON object (an artifact's config may be anything).</summary>
    public static ImageConfig? TryParse(ReadOnlySpan<byte> json)
    {
        if (json.Length is 0 or > MaxSize)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            return new ImageConfig
            {
                Os = Text(root, "os"),
                Architecture = Text(root, "architecture"),
                Variant = Text(root, "variant"),
                Created = Time(Text(root, "created")),
                Author = Text(root, "author"),
                Env = Strings(config, "Env"),
                Labels = Map(config, "Labels"),
                Entrypoint = Strings(config, "Entrypoint"),
                Cmd = Strings(config, "Cmd"),
                WorkingDir = Text(config, "WorkingDir"),
                User = Text(config, "User"),
                ExposedPorts = Keys(config, "ExposedPorts"),
                Volumes = Keys(config, "Volumes"),
                History = root.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Array
                    ? [.. h.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new HistoryEntry(
                        Time(Text(e, "created")), Text(e, "created_by"), Text(e, "comment"),
                        e.TryGetProperty("empty_layer", out var empty) && empty.ValueKind == JsonValueKind.True))]
                    : [],
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTime? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime : null;

    private static List<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    private static List<string> Keys(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? [.. value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)]
            : [];

    private static Dictionary<string, string> Map(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>One line of an image's history: the command that built a layer (or an empty step).</summary>
public sealed record HistoryEntry(DateTime? Created, string? CreatedBy, string? Comment, bool EmptyLayer);
