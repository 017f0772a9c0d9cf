namespace Portalcrane.Registry.Metadata.Configurations;

internal static class DigestLength
{
    /// <summary>"sha512:" and 128 hex characters.</summary>
    public const int Max = 135;
}
