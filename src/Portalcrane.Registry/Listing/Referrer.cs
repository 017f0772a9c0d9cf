namespace Portalcrane.Registry.Listing;

/// <summary>A manifest whose subject is the digest asked about, as the referrers API describes it.</summary>
public sealed record Referrer(string MediaType, string Digest, long Size, string? ArtifactType, string? Annotations);
