using Portalcrane.Features.Api;

namespace Portalcrane.Features.Audit;

/// <summary>Every state change through /api goes into the audit log with its result, after it ran.</summary>
public static class AuditMiddleware
{
    public static IApplicationBuilder UseApiAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return;
        }

        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value;
        var principal = CurrentPrincipal.Of(context);
        var status = context.Response.StatusCode;
        context.RequestServices.GetRequiredService<AuditLog>().Record(
            context,
            principal.Name,
            $"api {request.Method} {route}",
            success: status < 400,
            target: request.Path.Value,
            detail: status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });
}
