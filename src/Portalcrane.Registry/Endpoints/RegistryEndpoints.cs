using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portalcrane.Oci;
using Portalcrane.Registry.Access;

namespace Portalcrane.Registry.Endpoints;

/// <summary>
/// The /v2 API of the OCI Distribution Spec v1.1.1. Repository names contain slashes, so one
/// catch-all route per method hands the path to <see cref="RegistryRoute"/>.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#endpoints
/// </summary>
public static class RegistryEndpoints
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Delete];

    public static IEndpointConventionBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2");
        v2.AddEndpointFilter(static (context, next) =>
        {
            context.HttpContext.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            return next(context);
        });
        v2.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (Delegate)ApiVersionAsync);
        v2.MapMethods("/_catalog", [HttpMethods.Get], ListingEndpoints.CatalogAsync);
        v2.MapMethods("/{**path}", Methods, DispatchAsync);
        return v2;
    }

    private static async Task<IResult> ApiVersionAsync(HttpContext http)
    {
        if (await http.RequestServices.GetRequiredService<IRegistryGate>().AuthorizeAsync(http, []) is { } refused)
        {
            return refused;
        }

        http.Response.ContentType = "application/json";
        http.Response.ContentLength = 2;
        return HttpMethods.IsHead(http.Request.Method) ? TypedResults.Ok() : TypedResults.Text("{}", "application/json");
    }

    private static async Task<IResult> DispatchAsync(HttpContext http, string path, CancellationToken cancellationToken)
    {
        if (!RegistryRoute.TryParse(path, out var parsed))
        {
            return Oci.Error(OciErrorCode.Unsupported.WithStatus(StatusCodes.Status404NotFound), "no such endpoint", $"/v2/{path}");
        }

        var route = parsed.Value;
        if (!RepositoryName.IsValid(route.Name))
        {
            return Oci.Error(OciErrorCode.NameInvalid, $"'{route.Name}' does not match the repository name grammar");
        }

        var method = http.Request.Method;
        if (RequiredAction(route.Kind, method) is { } action
            && await http.RequestServices.GetRequiredService<IRegistryGate>().AuthorizeAsync(http, [new RegistryScope(route.Name, action)]) is { } refused)
        {
            return refused;
        }

        return await ((route.Kind, method) switch
        {
            (RouteKind.Manifest, "GET" or "HEAD") => ManifestEndpoints.GetAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Manifest, "PUT") => ManifestEndpoints.PutAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Manifest, "DELETE") => ManifestEndpoints.DeleteAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Blob, "GET" or "HEAD") => BlobEndpoints.GetAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Blob, "DELETE") => BlobEndpoints.DeleteAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.UploadStart, "POST") => UploadEndpoints.StartAsync(http, route.Name, cancellationToken),
            (RouteKind.Upload, "GET") => UploadEndpoints.StatusAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Upload, "PATCH") => UploadEndpoints.PatchAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Upload, "PUT") => UploadEndpoints.FinishAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Upload, "DELETE") => UploadEndpoints.CancelAsync(http, route.Name, route.Argument, cancellationToken),
            (RouteKind.Tags, "GET") => ListingEndpoints.TagsAsync(http, route.Name, cancellationToken),
            (RouteKind.Referrers, "GET") => ListingEndpoints.ReferrersAsync(http, route.Name, route.Argument, cancellationToken),
            _ => Task.FromResult(Oci.Error(OciErrorCode.Unsupported, $"{method} is not supported on this endpoint", $"/v2/{path}")),
        });
    }

    /// <summary>The right a request needs; null for requests answered without touching the repository.</summary>
    private static RegistryAction? RequiredAction(RouteKind kind, string method) => (kind, method) switch
    {
        (RouteKind.Manifest or RouteKind.Blob, "DELETE") => RegistryAction.Delete,
        (RouteKind.Manifest, "PUT") or (RouteKind.UploadStart or RouteKind.Upload, _) => RegistryAction.Push,
        (_, "GET" or "HEAD") => RegistryAction.Pull,
        _ => null,
    };
}
