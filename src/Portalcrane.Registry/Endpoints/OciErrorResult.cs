using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Endpoints;

/// <summary>
/// The error envelope of the distribution spec: <c>{"errors":[{"code","message","detail"}]}</c>.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#error-codes
/// </summary>
internal sealed class OciErrorResult(OciErrorCode code, string? message, string? detail) : IResult
{
    public OciErrorCode Code => code;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = code.Status;
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteString("code", code.Code);
            json.WriteString("message", message ?? code.Message);
            if (detail is not null)
            {
                json.WriteString("detail", detail);
            }
            else
            {
                json.WriteNull("detail");
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), httpContext.RequestAborted);
    }
}
