using Portalcrane.Features.Api;
using Portalcrane.Registry.Maintenance;

namespace Portalcrane.Features.Maintenance;

public sealed record GcRequest(bool DryRun = true, bool DeleteUntagged = false);

/// <summary>Garbage collection through the API: start a run (dry by default), follow it, see the last runs.</summary>
public static class MaintenanceEndpoints
{
    public static IEndpointRouteBuilder MapMaintenanceEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/gc").RequireAuthorization(ApiAuthenticationHandler.AdminPolicy);
        admin.MapPost(string.Empty, (GcRequest? request, HttpContext http, GarbageCollector collector) =>
        {
            request ??= new GcRequest();
            return collector.TryStart(request.DryRun, request.DeleteUntagged, CurrentPrincipal.Of(http).Name) is { } run
                ? Results.Accepted($"/api/gc/{run.Id}", run)
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "a garbage collection is already running");
        });
        admin.MapGet(string.Empty, (GarbageCollector collector) => TypedResults.Ok(new { current = collector.Current, history = collector.History }));
        admin.MapGet("/{id:guid}", (Guid id, GarbageCollector collector) =>
            (collector.Current is { } current && current.Id == id ? current : collector.History.FirstOrDefault(r => r.Id == id)) is { } run
                ? Results.Ok(run)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"));
        return app;
    }
}
