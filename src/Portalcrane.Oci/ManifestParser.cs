using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Portalcrane.Oci;

/// <summary>
/// Validates a pushed manifest and extracts its references. Accepts OCI image manifests and
/// indexes and Docker schema 2 manifests and manifest lists; refuses schema 1.
/// https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md
/// https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md
/// </summary>
public static class ManifestParser
{
    /// <summary>Largest manifest accepted, as the distribution spec suggests.</summary>
    public const int MaxSize = 4 * 1024 * 1024;

    public static bool TryParse(
        ReadOnlySpan<byte> content,
        string? contentType,
        [NotNullWhen(true)] out ParsedManifest? manifest,
        [NotNullWhen(false)] out string? error)
    {
        manifest = null;
        try
        {
            using var document = JsonDocument.Parse(content.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            return TryParse(document.RootElement, MediaTypeOf(contentType), out manifest, out error);
        }
        catch (JsonException e)
        {
            error = $"manifest is not valid JSON: {e.Message}";
            return false;
        }
    }

    /// <summary>The media type of a Content-Type header, without parameters.</summary>
    public static string? MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    private static bool TryParse(JsonElement root, string? contentType, [NotNullWhen(true)] out ParsedManifest? manifest, [NotNullWhen(false)] out string? error)
    {
        manifest = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "manifest must be a JSON object";
            return false;
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var schema))
        {
            error = "schemaVersion is missing";
            return false;
        }

        if (schema != 2)
        {
            error = $"schemaVersion {schema} is not supported; push schema 2 or OCI manifests";
            return false;
        }

        string? declared = null;
        if (root.TryGetProperty("mediaType", out var mediaTypeElement))
        {
            if (mediaTypeElement.ValueKind != JsonValueKind.String)
            {
                error = "mediaType must be a string";
                return false;
            }

            declared = mediaTypeElement.GetString();
        }

        if (!TryResolveMediaType(declared, contentType, root, out var mediaType, out error))
        {
            return false;
        }

        if (!TryReadAnnotations(root, "manifest", out var annotations, out error)
            || !TryReadOptionalDescriptor(root, "subject", out var subject, out error)
            || !TryReadOptionalString(root, "artifactType", out var artifactType, out error))
        {
            return false;
        }

        if (MediaTypes.IsIndex(mediaType))
        {
            if (!TryReadDescriptors(root, "manifests", required: true, out var children, out error))
            {
                return false;
            }

            manifest = new ParsedManifest { MediaType = mediaType, Manifests = children, Subject = subject, ArtifactType = artifactType, Annotations = annotations };
            return true;
        }

        if (!TryReadOptionalDescriptor(root, "config", out var config, out error))
        {
            return false;
        }

        if (config is null)
        {
            error = "config is required in an image manifest";
            return false;
        }

        if (!TryReadDescriptors(root, "layers", required: true, out var layers, out error))
        {
            return false;
        }

        manifest = new ParsedManifest
        {
            MediaType = mediaType,
            Config = config,
            Layers = layers,
            Subject = subject,
            ArtifactType = artifactType ?? config.MediaType,
            Annotations = annotations,
        };
        return true;
    }

    private static bool TryResolveMediaType(string? declared, string? contentType, JsonElement root, out string mediaType, [NotNullWhen(false)] out string? error)
    {
        mediaType = string.Empty;
        error = null;
        var knownContentType = contentType is not null && MediaTypes.IsManifest(contentType) ? contentType : null;
        if (declared is not null && knownContentType is not null && declared != knownContentType)
        {
            error = $"mediaType '{declared}' does not match Content-Type '{contentType}'";
            return false;
        }

        // An OCI manifest may omit mediaType; then the Content-Type says what it is, and failing
        // that its shape does (a "manifests" array makes an index).
        var resolved = declared ?? knownContentType ?? (root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest);
        if (resolved is MediaTypes.DockerSchema1 or MediaTypes.DockerSchema1Signed)
        {
            error = "Docker schema 1 manifests are not supported";
            return false;
        }

        if (!MediaTypes.IsManifest(resolved))
        {
            error = $"'{resolved}' is not a manifest media type this registry accepts";
            return false;
        }

        mediaType = resolved;
        return true;
    }

    private static bool TryReadDescriptors(JsonElement root, string property, bool required, out IReadOnlyList<Descriptor> descriptors, [NotNullWhen(false)] out string? error)
    {
        descriptors = [];
        error = null;
        if (!root.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            error = required ? $"{property} is required" : null;
            return !required;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            error = $"{property} must be an array";
            return false;
        }

        var list = new List<Descriptor>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (!TryReadDescriptor(element, $"{property}[{index}]", out var descriptor, out error))
            {
                return false;
            }

            list.Add(descriptor);
            index++;
        }

        descriptors = list;
        return true;
    }

    private static bool TryReadOptionalDescriptor(JsonElement root, string property, out Descriptor? descriptor, [NotNullWhen(false)] out string? error)
    {
        descriptor = null;
        error = null;
        if (!root.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (!TryReadDescriptor(element, property, out var read, out error))
        {
            return false;
        }

        descriptor = read;
        return true;
    }

    private static bool TryReadDescriptor(JsonElement element, string where, [NotNullWhen(true)] out Descriptor? descriptor, [NotNullWhen(false)] out string? error)
    {
        descriptor = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{where} must be a descriptor object";
            return false;
        }

        if (!element.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(mediaType.GetString()))
        {
            error = $"{where}.mediaType is required";
            return false;
        }

        if (!element.TryGetProperty("digest", out var digestElement) || digestElement.ValueKind != JsonValueKind.String
            || !Digest.TryParse(digestElement.GetString(), out var digest))
        {
            error = $"{where}.digest is missing or not a valid sha256/sha512 digest";
            return false;
        }

        if (!element.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            error = $"{where}.size is missing or not a non-negative integer";
            return false;
        }

        if (!TryReadOptionalString(element, "artifactType", out var artifactType, out error))
        {
            return false;
        }

        descriptor = new Descriptor
        {
            MediaType = mediaType.GetString()!,
            Digest = digest,
            Size = size,
            ArtifactType = artifactType,
            Urls = ReadStrings(element, "urls"),
            Platform = ReadPlatform(element),
        };
        error = null;
        return true;
    }

    private static bool TryReadOptionalString(JsonElement element, string property, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!element.TryGetProperty(property, out var found) || found.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (found.ValueKind != JsonValueKind.String)
        {
            error = $"{property} must be a string";
            return false;
        }

        value = found.GetString();
        return true;
    }

    private static bool TryReadAnnotations(JsonElement element, string where, out IReadOnlyDictionary<string, string> annotations, [NotNullWhen(false)] out string? error)
    {
        annotations = new Dictionary<string, string>();
        error = null;
        if (!element.TryGetProperty("annotations", out var found) || found.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (found.ValueKind != JsonValueKind.Object)
        {
            error = $"{where} annotations must be an object of strings";
            return false;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in found.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                error = $"annotation '{property.Name}' must be a string";
                return false;
            }

            map[property.Name] = property.Value.GetString()!;
        }

        annotations = map;
        return true;
    }

    private static List<string> ReadStrings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static Platform? ReadPlatform(JsonElement element)
    {
        if (!element.TryGetProperty("platform", out var platform) || platform.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Text(string name) => platform.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var os = Text("os");
        var architecture = Text("architecture");
        return os is null || architecture is null ? null : new Platform(os, architecture, Text("variant"));
    }
}
