using System.Diagnostics.CodeAnalysis;

namespace Portalcrane.Oci;

/// <summary>The <c>&lt;reference&gt;</c> of a manifest URL: a tag or a digest.</summary>
public readonly record struct Reference
{
    private Reference(string? tag, Digest digest)
    {
        Tag = tag;
        Digest = digest;
    }

    public string? Tag { get; }

    public Digest Digest { get; }

    [MemberNotNullWhen(false, nameof(Tag))]
    public bool IsDigest => Tag is null;

    public static Reference ForTag(string tag) =>
        Oci.Tag.IsValid(tag) ? new Reference(tag, default) : throw new FormatException($"'{tag}' is not a valid tag.");

    public static Reference ForDigest(Digest digest) => new(null, digest);

    public static bool TryParse([NotNullWhen(true)] string? value, out Reference reference)
    {
        reference = default;
        if (value is null)
        {
            return false;
        }

        if (Digest.LooksLikeDigest(value))
        {
            if (!Digest.TryParse(value, out var digest))
            {
                return false;
            }

            reference = new Reference(null, digest);
            return true;
        }

        if (!Oci.Tag.IsValid(value))
        {
            return false;
        }

        reference = new Reference(value, default);
        return true;
    }

    public override string ToString() => Tag ?? Digest.ToString();
}
