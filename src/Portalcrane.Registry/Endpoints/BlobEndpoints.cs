using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portalcrane.Oci;
using Portalcrane.Registry.Access;
using Portalcrane.Registry.Blobs;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Endpoints;

/// <summary>Blob GET/HEAD (with ranges, served by <see cref="BlobResult"/>) and DELETE.</summary>
internal static class BlobEndpoints
{
    public static async Task<IResult> GetAsync(HttpContext http, string name, string reference, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(reference, out var digest))
        {
            return Oci.Error(OciErrorCode.DigestInvalid, $"'{reference}' is not a sha256 or sha512 digest");
        }

        var blob = await http.RequestServices.GetRequiredService<BlobService>().FindAsync(name, digest, cancellationToken);
        if (blob is null)
        {
            return Oci.Error(OciErrorCode.BlobUnknown, digest.ToString());
        }

        var options = http.RequestServices.GetRequiredService<IOptions<RegistryOptions>>().Value;
        var warmer = options.WarmPageCache ? http.RequestServices.GetRequiredService<PageCacheWarmer>() : null;
        return new BlobResult(blob, options.DirectReads, warmer);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string name, string reference, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(reference, out var digest))
        {
            return Oci.Error(OciErrorCode.DigestInvalid, $"'{reference}' is not a sha256 or sha512 digest");
        }

        if (!await http.RequestServices.GetRequiredService<BlobService>().UnlinkAsync(name, digest, cancellationToken))
        {
            return Oci.Error(OciErrorCode.BlobUnknown, digest.ToString());
        }

        http.Response.Headers[Oci.ContentDigestHeader] = digest.ToString();
        http.RequestServices.GetRequiredService<IRegistryEvents>().BlobDeleted(http, name, digest.ToString());
        return Oci.Empty(http, StatusCodes.Status202Accepted);
    }
}
