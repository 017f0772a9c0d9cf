using Microsoft.AspNetCore.Http;
using Portalcrane.Registry.Manifests;

namespace Portalcrane.Registry.Endpoints;

/// <summary>Serves a manifest's stored bytes unchanged, with its media type and digest.</summary>
internal sealed class ManifestResult(StoredManifest manifest) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Content.Length;
        response.Headers[Oci.ContentDigestHeader] = manifest.Digest;
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        return HttpMethods.IsHead(httpContext.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(manifest.Content, httpContext.RequestAborted).AsTask();
    }
}
