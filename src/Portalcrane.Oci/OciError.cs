namespace Portalcrane.Oci;

/// <summary>One entry of the OCI error envelope <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
public sealed record OciError(OciErrorCode Code, string? Message = null, object? Detail = null)
{
    public static implicit operator OciError(OciErrorCode code) => new(code);
}
