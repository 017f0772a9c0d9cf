namespace Portalcrane.EndToEnd.Tests.Images;

/// <summary>A multi-architecture image: an OCI image index and the platform images it lists.</summary>
public sealed record TestIndex(BlobDescriptor Index, IReadOnlyList<TestImage> Images)
{
    public TestImage For(string architecture) => Images.Single(i => i.Architecture == architecture);
}
