using Microsoft.AspNetCore.Http;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Endpoints;

/// <summary>Shorthands for /v2 answers.</summary>
internal static class Oci
{
    public const string ContentDigestHeader = "Docker-Content-Digest";
    public const string UploadUuidHeader = "Docker-Upload-UUID";

    public static IResult Error(OciErrorCode code, string? detail = null) => new OciErrorResult(code, null, detail);

    public static IResult Error(OciErrorCode code, string message, string? detail) => new OciErrorResult(code, message, detail);

    /// <summary>An empty answer with a status, for the many 201/202/204 of the spec.</summary>
    public static IResult Empty(HttpContext http, int status)
    {
        http.Response.ContentLength = 0;
        return TypedResults.StatusCode(status);
    }

    public static string BlobLocation(string name, string digest) => $"/v2/{name}/blobs/{digest}";

    public static string UploadLocation(string name, string uploadId) => $"/v2/{name}/blobs/uploads/{uploadId}";
}
