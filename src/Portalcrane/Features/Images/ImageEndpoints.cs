using Portalcrane.Features.Api;
using Portalcrane.Features.Dashboard;

namespace Portalcrane.Features.Images;

/// <summary>The image browser and dashboard as JSON: the same services the UI pages call.</summary>
public static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ApiAuthenticationHandler.UserPolicy);
        api.MapGet("/dashboard", async (HttpContext http, DashboardService dashboard, CancellationToken ct) =>
            TypedResults.Ok(await dashboard.GetAsync(CurrentPrincipal.Of(http), ct)));
        api.MapGet("/images", async (HttpContext http, ImageCatalog catalog, string? search, string? folder, ImageSort? sort, bool? descending, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await catalog.ListAsync(CurrentPrincipal.Of(http), new ImageQuery(search, folder, sort ?? ImageSort.Name, descending ?? false, page ?? 0, pageSize ?? 25), ct)));
        api.MapGet("/folders/tree", async (HttpContext http, ImageCatalog catalog, string? parent, CancellationToken ct) =>
            TypedResults.Ok(await catalog.FoldersAsync(CurrentPrincipal.Of(http), parent, ct)));
        api.MapGet("/images/{**name}", async Task<IResult> (HttpContext http, ImageCatalog catalog, string name, CancellationToken ct) =>
            await catalog.GetAsync(CurrentPrincipal.Of(http), name, ct) is { } image
                ? TypedResults.Ok(image)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no image {name} that you may see"));
        return app;
    }
}
