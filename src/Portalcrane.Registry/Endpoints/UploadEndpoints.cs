using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Portalcrane.Oci;
using Portalcrane.Registry.Access;
using Portalcrane.Registry.Blobs;
using Portalcrane.Registry.Uploads;

namespace Portalcrane.Registry.Endpoints;

/// <summary>
/// Blob uploads: POST (session, monolithic <c>?digest=</c>, mount <c>?mount=&amp;from=</c>),
/// PATCH chunks, PUT to finish, GET status, DELETE to cancel.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-blobs
/// </summary>
internal static class UploadEndpoints
{
    public static async Task<IResult> StartAsync(HttpContext http, string name, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (query.TryGetValue("mount", out var mount))
        {
            if (!Digest.TryParse(mount.ToString(), out var mounted))
            {
                return Oci.Error(OciErrorCode.DigestInvalid, $"mount '{mount}' is not a sha256 or sha512 digest");
            }

            var from = query["from"].ToString();
            if (from.Length > 0 && !RepositoryName.IsValid(from))
            {
                return Oci.Error(OciErrorCode.NameInvalid, $"'{from}' does not match the repository name grammar");
            }

            // Without a source repository (or when it lacks the blob, or the caller may not
            // pull from it) the spec has the registry fall back to an ordinary upload session.
            if (from.Length > 0
                && await http.RequestServices.GetRequiredService<IRegistryGate>().HoldsAsync(http, new RegistryScope(from, RegistryAction.Pull))
                && await http.RequestServices.GetRequiredService<BlobService>().MountAsync(name, from, mounted, cancellationToken) is not null)
            {
                return Created(http, name, mounted);
            }
        }
        else if (query.TryGetValue("digest", out var digestValue))
        {
            if (!Digest.TryParse(digestValue.ToString(), out var digest))
            {
                return Oci.Error(OciErrorCode.DigestInvalid, $"'{digestValue}' is not a sha256 or sha512 digest");
            }

            AllowUnlimitedBody(http);
            var outcome = await Uploads(http).PutMonolithicAsync(name, digest, http.Request.BodyReader, cancellationToken);
            return Answer(http, name, string.Empty, outcome);
        }

        var id = await Uploads(http).StartAsync(name, cancellationToken);
        return Accepted(http, name, id, 0, StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> StatusAsync(HttpContext http, string name, string uploadId, CancellationToken cancellationToken)
    {
        var size = await Uploads(http).GetSizeAsync(name, uploadId, cancellationToken);
        return size is null
            ? Oci.Error(OciErrorCode.BlobUploadUnknown, uploadId)
            : Accepted(http, name, uploadId, size.Value, StatusCodes.Status204NoContent);
    }

    public static async Task<IResult> PatchAsync(HttpContext http, string name, string uploadId, CancellationToken cancellationToken)
    {
        if (!TryReadRange(http, out var range))
        {
            return Oci.Error(OciErrorCode.BlobUploadInvalid, $"Content-Range '{http.Request.Headers.ContentRange}' is not of the form <start>-<end>");
        }

        AllowUnlimitedBody(http);
        var outcome = await Uploads(http).AppendAsync(name, uploadId, http.Request.BodyReader, range, http.Request.ContentLength, cancellationToken);
        return Answer(http, name, uploadId, outcome);
    }

    public static async Task<IResult> FinishAsync(HttpContext http, string name, string uploadId, CancellationToken cancellationToken)
    {
        var digestValue = http.Request.Query["digest"].ToString();
        if (!Digest.TryParse(digestValue, out var digest))
        {
            return Oci.Error(OciErrorCode.DigestInvalid, digestValue.Length == 0 ? "the digest query parameter is required" : $"'{digestValue}' is not a sha256 or sha512 digest");
        }

        if (!TryReadRange(http, out var range))
        {
            return Oci.Error(OciErrorCode.BlobUploadInvalid, $"Content-Range '{http.Request.Headers.ContentRange}' is not of the form <start>-<end>");
        }

        AllowUnlimitedBody(http);
        var outcome = await Uploads(http).CompleteAsync(name, uploadId, digest, http.Request.BodyReader, range, http.Request.ContentLength, cancellationToken);
        return Answer(http, name, uploadId, outcome);
    }

    public static async Task<IResult> CancelAsync(HttpContext http, string name, string uploadId, CancellationToken cancellationToken) =>
        await Uploads(http).CancelAsync(name, uploadId, cancellationToken)
            ? Oci.Empty(http, StatusCodes.Status204NoContent)
            : Oci.Error(OciErrorCode.BlobUploadUnknown, uploadId);

    private static IResult Answer(HttpContext http, string name, string uploadId, UploadOutcome outcome)
    {
        switch (outcome.Status)
        {
            case UploadStatus.Committed:
                return Created(http, name, outcome.Digest);
            case UploadStatus.Accepted:
                return Accepted(http, name, uploadId, outcome.Size, StatusCodes.Status202Accepted);
            case UploadStatus.RangeInvalid:
                SetSessionHeaders(http, name, uploadId, outcome.Size);
                return Oci.Error(OciErrorCode.BlobUploadInvalid.WithStatus(StatusCodes.Status416RangeNotSatisfiable), "chunk out of order", outcome.Detail);
            case UploadStatus.SizeInvalid:
                return Oci.Error(OciErrorCode.SizeInvalid, outcome.Detail);
            case UploadStatus.DigestInvalid:
                return Oci.Error(OciErrorCode.DigestInvalid, $"content hashes to {outcome.Digest}");
            default:
                return Oci.Error(OciErrorCode.BlobUploadUnknown, uploadId);
        }
    }

    private static IResult Created(HttpContext http, string name, Digest digest)
    {
        var text = digest.ToString();
        http.Response.Headers.Location = Oci.BlobLocation(name, text);
        http.Response.Headers[Oci.ContentDigestHeader] = text;
        return Oci.Empty(http, StatusCodes.Status201Created);
    }

    private static IResult Accepted(HttpContext http, string name, string uploadId, long size, int status)
    {
        SetSessionHeaders(http, name, uploadId, size);
        return Oci.Empty(http, status);
    }

    private static void SetSessionHeaders(HttpContext http, string name, string uploadId, long size)
    {
        var headers = http.Response.Headers;
        headers.Location = Oci.UploadLocation(name, uploadId);
        headers.Range = ContentRange.FormatUploaded(size);
        headers[Oci.UploadUuidHeader] = uploadId;
    }

    private static bool TryReadRange(HttpContext http, out ContentRange? range)
    {
        range = null;
        var header = http.Request.Headers.ContentRange.ToString();
        if (header.Length == 0)
        {
            return true;
        }

        if (!ContentRange.TryParse(header, out var parsed))
        {
            return false;
        }

        range = parsed;
        return true;
    }

    /// <summary>Blobs have no size limit: they are streamed to disk, never held in memory.</summary>
    private static void AllowUnlimitedBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }

    private static UploadService Uploads(HttpContext http) => http.RequestServices.GetRequiredService<UploadService>();
}
