using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Portalcrane.Oci;
using Portalcrane.Registry.Endpoints;

namespace Portalcrane.Registry.Access;

/// <summary>The refusals a gate answers with, in the OCI error envelope.</summary>
public static class RegistryAnswers
{
    /// <summary>401 with a <c>WWW-Authenticate</c> challenge telling the client where to authenticate.</summary>
    public static IResult Unauthorized(HttpContext context, string challenge, string? detail = null)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        return new OciErrorResult(OciErrorCode.Unauthorized, null, detail);
    }

    /// <summary>403: the caller is known and may not do this.</summary>
    public static IResult Denied(string? detail = null) => new OciErrorResult(OciErrorCode.Denied, null, detail);

    /// <summary>429 with <c>Retry-After</c>.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        SetRetryAfter(context.Response, retryAfter);
        return new OciErrorResult(OciErrorCode.TooManyRequests, null, null);
    }

    /// <summary><c>Retry-After</c> in whole seconds, at least one.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
