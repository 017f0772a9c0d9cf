namespace Portalcrane.Features.Identity;

/// <summary>The session cookie: HttpOnly, SameSite=Lax (so the return from a single sign-on provider carries it), Secure over HTTPS.</summary>
public static class SessionCookie
{
    public static void Append(HttpContext http, string value) =>
        http.Response.Cookies.Append(SessionService.CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = SessionService.Lifetime,
        });
}
