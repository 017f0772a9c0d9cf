using System.Text.Json;
using Portalcrane.Oci;
using Portalcrane.Registry.Metadata;

namespace Portalcrane.Registry.Manifests;

/// <summary>Turns a parsed manifest into its index row and reference rows.</summary>
internal static class ManifestEntityFactory
{
    public static ManifestEntity Create(long repositoryId, Digest digest, ParsedManifest manifest, byte[] content, DateTime now)
    {
        var references = new List<ManifestReferenceEntity>();
        void Add(ReferenceKind kind, Descriptor descriptor) => references.Add(new ManifestReferenceEntity
        {
            Position = references.Count,
            Kind = kind,
            Digest = descriptor.Digest.ToString(),
            MediaType = descriptor.MediaType,
            Size = descriptor.Size,
        });

        if (manifest.Config is { } config)
        {
            Add(ReferenceKind.Config, config);
        }

        foreach (var layer in manifest.Layers)
        {
            Add(ReferenceKind.Layer, layer);
        }

        foreach (var child in manifest.Manifests)
        {
            Add(ReferenceKind.Manifest, child);
        }

        return new ManifestEntity
        {
            RepositoryId = repositoryId,
            Digest = digest.ToString(),
            MediaType = manifest.MediaType,
            ArtifactType = manifest.ArtifactType,
            SubjectDigest = manifest.Subject?.Digest.ToString(),
            Annotations = manifest.Annotations.Count > 0 ? JsonSerializer.Serialize(manifest.Annotations) : null,
            Size = content.Length,
            ContentSize = references.Sum(r => r.Size),
            Content = content,
            PushedAt = now,
            References = references,
        };
    }
}
