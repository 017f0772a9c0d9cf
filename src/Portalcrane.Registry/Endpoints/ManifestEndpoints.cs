using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Portalcrane.Oci;
using Portalcrane.Registry.Access;
using Portalcrane.Registry.Manifests;

namespace Portalcrane.Registry.Endpoints;

/// <summary>Manifest GET/HEAD/PUT/DELETE by tag or digest.</summary>
internal static class ManifestEndpoints
{
    public static async Task<IResult> GetAsync(HttpContext http, string name, string referenceText, CancellationToken cancellationToken)
    {
        if (!Reference.TryParse(referenceText, out var reference))
        {
            return InvalidReference(referenceText);
        }

        var manifest = await Manifests(http).FindAsync(name, reference, cancellationToken);
        if (manifest is null)
        {
            return Oci.Error(OciErrorCode.ManifestUnknown, $"{name}:{referenceText}");
        }

        if (!Accepts(http.Request.Headers.Accept, manifest.MediaType))
        {
            return Oci.Error(OciErrorCode.ManifestUnknown, $"{name}:{referenceText} is a {manifest.MediaType}, which the Accept header does not list", null);
        }

        if (HttpMethods.IsGet(http.Request.Method))
        {
            Events(http).ManifestPulled(http, name, referenceText, manifest.Digest);
        }

        return new ManifestResult(manifest);
    }

    public static async Task<IResult> PutAsync(HttpContext http, string name, string referenceText, CancellationToken cancellationToken)
    {
        if (!Reference.TryParse(referenceText, out var reference))
        {
            return InvalidReference(referenceText);
        }

        var content = await ReadLimitedAsync(http.Request, cancellationToken);
        if (content is null)
        {
            return Oci.Error(OciErrorCode.SizeInvalid.WithStatus(StatusCodes.Status413PayloadTooLarge), "manifest too large", $"manifests are limited to {ManifestParser.MaxSize} bytes");
        }

        var outcome = await Manifests(http).PutAsync(name, reference, content, http.Request.ContentType, cancellationToken);
        switch (outcome.Status)
        {
            case ManifestPutStatus.Created:
                var digest = outcome.Digest.ToString();
                var headers = http.Response.Headers;
                headers.Location = $"/v2/{name}/manifests/{digest}";
                headers[Oci.ContentDigestHeader] = digest;
                if (outcome.Subject is not null)
                {
                    headers["OCI-Subject"] = outcome.Subject;
                }

                Events(http).ManifestPushed(http, name, referenceText, digest, content.Length);
                return Oci.Empty(http, StatusCodes.Status201Created);
            case ManifestPutStatus.DigestInvalid:
                return Oci.Error(OciErrorCode.DigestInvalid, outcome.Detail);
            case ManifestPutStatus.BlobUnknown:
                return Oci.Error(OciErrorCode.ManifestBlobUnknown, outcome.Detail);
            default:
                return Oci.Error(OciErrorCode.ManifestInvalid, outcome.Detail);
        }
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string name, string referenceText, CancellationToken cancellationToken)
    {
        if (!Reference.TryParse(referenceText, out var reference))
        {
            return InvalidReference(referenceText);
        }

        var status = await Manifests(http).DeleteAsync(name, reference, cancellationToken);
        if (status == ManifestDeleteStatus.Deleted)
        {
            Events(http).ManifestDeleted(http, name, referenceText);
        }

        return status switch
        {
            ManifestDeleteStatus.Deleted => Oci.Empty(http, StatusCodes.Status202Accepted),
            ManifestDeleteStatus.Referenced => Oci.Error(
                OciErrorCode.Unsupported.WithStatus(StatusCodes.Status409Conflict),
                "manifest is listed by an image index in this repository; delete the index first",
                referenceText),
            _ => Oci.Error(OciErrorCode.ManifestUnknown, $"{name}:{referenceText}"),
        };
    }

    /// <summary>
    /// Content negotiation: a client that lists manifest media types in Accept gets only one of
    /// those (or a wildcard); a client that lists none of them gets whatever is stored.
    /// </summary>
    internal static bool Accepts(StringValues accept, string mediaType)
    {
        var listsManifestTypes = false;
        foreach (var header in accept)
        {
            foreach (var item in (header ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var type = ManifestParser.MediaTypeOf(item);
                if (type == mediaType || type is "*/*" or "application/*")
                {
                    return true;
                }

                listsManifestTypes |= type is not null && MediaTypes.IsManifest(type);
            }
        }

        return !listsManifestTypes;
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ManifestParser.MaxSize)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ManifestParser.MaxSize)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult InvalidReference(string reference) =>
        Digest.LooksLikeDigest(reference)
            ? Oci.Error(OciErrorCode.DigestInvalid, $"'{reference}' is not a sha256 or sha512 digest")
            : Oci.Error(OciErrorCode.ManifestInvalid, "invalid tag", $"'{reference}' does not match the tag grammar");

    private static ManifestService Manifests(HttpContext http) => http.RequestServices.GetRequiredService<ManifestService>();

    private static IRegistryEvents Events(HttpContext http) => http.RequestServices.GetRequiredService<IRegistryEvents>();
}
