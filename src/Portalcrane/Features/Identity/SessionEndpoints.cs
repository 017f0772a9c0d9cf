using Portalcrane.Features.Api;
using Portalcrane.Features.Audit;

namespace Portalcrane.Features.Identity;

public sealed record LoginRequest(string Username, string Password);

/// <summary><c>POST /api/auth/login</c> (sets the HttpOnly, SameSite session cookie) and <c>POST /api/auth/logout</c> (ends it server-side).</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync).AllowAnonymous();
        app.MapPost("/api/auth/logout", LogoutAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext http, LoginService logins, SessionService sessions)
    {
        var login = await logins.LoginAsync(http, request.Username ?? string.Empty, request.Password ?? string.Empty, "session", recordSuccess: true);
        if (login.RetryAfter is { } wait)
        {
            Portalcrane.Registry.Access.RegistryAnswers.SetRetryAfter(http.Response, wait);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed logins", detail: "try again later");
        }

        // Sessions are for passwords: access tokens are sent with each request instead.
        if (login.Principal is not { UserId: { } userId, TokenId: null } principal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid username or password");
        }

        var (cookie, csrf) = await sessions.OpenAsync(userId, http.RequestAborted);
        SessionCookie.Append(http, cookie);
        return TypedResults.Ok(new { username = principal.Name, principal.IsAdmin, csrfToken = csrf });
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SessionService sessions, AuditLog audit)
    {
        if (http.Request.Cookies.TryGetValue(SessionService.CookieName, out var cookie))
        {
            await sessions.CloseAsync(cookie, http.RequestAborted);
            audit.Record(http, CurrentPrincipal.Of(http).Name, "logout", success: true, target: "session");
        }

        http.Response.Cookies.Delete(SessionService.CookieName, new CookieOptions { Path = "/" });
        return TypedResults.NoContent();
    }
}
