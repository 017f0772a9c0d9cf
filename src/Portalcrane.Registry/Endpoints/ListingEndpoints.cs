using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portalcrane.Oci;
using Portalcrane.Registry.Access;
using Portalcrane.Registry.Listing;

namespace Portalcrane.Registry.Endpoints;

/// <summary><c>_catalog</c>, <c>tags/list</c> and the referrers API.</summary>
internal static class ListingEndpoints
{
    public static async Task<IResult> CatalogAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!TryReadPaging(http, out var limit, out var last, out var error))
        {
            return error;
        }

        var gate = http.RequestServices.GetRequiredService<IRegistryGate>();
        if (await gate.AuthorizeAsync(http, []) is { } refused)
        {
            return refused;
        }

        var page = await Listing(http).CatalogAsync(limit, last, await gate.CatalogFilterAsync(http), cancellationToken);
        SetNextLink(http, "/v2/_catalog", limit, page);
        return JsonBody(http, json =>
        {
            json.WriteStartArray("repositories");
            foreach (var name in page.Items)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
        });
    }

    public static async Task<IResult> TagsAsync(HttpContext http, string name, CancellationToken cancellationToken)
    {
        if (!TryReadPaging(http, out var limit, out var last, out var error))
        {
            return error;
        }

        var page = await Listing(http).TagsAsync(name, limit, last, cancellationToken);
        if (page is null)
        {
            return Oci.Error(OciErrorCode.NameUnknown, name);
        }

        SetNextLink(http, $"/v2/{name}/tags/list", limit, page);
        return JsonBody(http, json =>
        {
            json.WriteString("name", name);
            json.WriteStartArray("tags");
            foreach (var tag in page.Items)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
        });
    }

    /// <summary>https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#listing-referrers</summary>
    public static async Task<IResult> ReferrersAsync(HttpContext http, string name, string subject, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(subject, out var digest))
        {
            return Oci.Error(OciErrorCode.DigestInvalid, $"'{subject}' is not a sha256 or sha512 digest");
        }

        var artifactType = http.Request.Query["artifactType"].ToString();
        var filter = artifactType.Length > 0 ? artifactType : null;
        var referrers = await Listing(http).ReferrersAsync(name, digest.ToString(), filter, cancellationToken);
        if (filter is not null)
        {
            http.Response.Headers["OCI-Filters-Applied"] = "artifactType";
        }

        return JsonBody(http, json =>
        {
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", MediaTypes.OciIndex);
            json.WriteStartArray("manifests");
            foreach (var referrer in referrers)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", referrer.MediaType);
                json.WriteString("digest", referrer.Digest);
                json.WriteNumber("size", referrer.Size);
                if (referrer.ArtifactType is not null)
                {
                    json.WriteString("artifactType", referrer.ArtifactType);
                }

                if (referrer.Annotations is not null)
                {
                    json.WritePropertyName("annotations");
                    json.WriteRawValue(referrer.Annotations, skipInputValidation: true);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }, MediaTypes.OciIndex);
    }

    private static bool TryReadPaging(HttpContext http, out int limit, out string? last, out IResult error)
    {
        var max = http.RequestServices.GetRequiredService<IOptions<RegistryOptions>>().Value.MaxPageSize;
        var query = http.Request.Query;
        last = query["last"].ToString() is { Length: > 0 } l ? l : null;
        limit = max;
        error = null!;
        var n = query["n"].ToString();
        if (n.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var requested))
        {
            error = Oci.Error(OciErrorCode.PaginationNumberInvalid, $"n='{n}' is not a non-negative integer");
            return false;
        }

        // The spec lets a registry return fewer than n; larger pages are capped, with a Link.
        limit = Math.Min(requested, max);
        return true;
    }

    private static void SetNextLink(HttpContext http, string path, int limit, Page page)
    {
        if (page.HasMore && page.Items.Count > 0)
        {
            var last = Uri.EscapeDataString(page.Items[^1]);
            http.Response.Headers.Link = $"<{path}?n={limit}&last={last}>; rel=\"next\"";
        }
    }

    private static IResult JsonBody(HttpContext http, Action<Utf8JsonWriter> write, string contentType = "application/json")
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        http.Response.ContentLength = buffer.Length;
        return TypedResults.Bytes(buffer.ToArray(), contentType);
    }

    private static ListingService Listing(HttpContext http) => http.RequestServices.GetRequiredService<ListingService>();
}
