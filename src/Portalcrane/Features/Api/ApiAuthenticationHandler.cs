using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portalcrane.Features.Access;
using Portalcrane.Features.Identity;
using Portalcrane.Features.RegistryAuth;
using Portalcrane.Features.Tokens;

namespace Portalcrane.Features.Api;

/// <summary>
/// Authenticates /api callers by <c>Authorization: Bearer &lt;access token with the api scope&gt;</c>
/// or Basic credentials (a password, or an access token with the api scope).
/// </summary>
public sealed class ApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Portalcrane";
    public const string AdminRole = "admin";
    public const string UserPolicy = "api-user";
    public const string AdminPolicy = "api-admin";

    /// <summary>The claim holding the id of the session a request came with (UI sessions are re-checked while a page is open).</summary>
    public const string SessionClaim = "portalcrane:session";
    private static readonly object RetryAfterKey = new();
    private static readonly object CsrfKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Being the only scheme makes this the default one, run for every request: /v2 and
        // /auth/token check their own credentials and must not pay (or count a failure) twice.
        var header = Request.Headers.Authorization.ToString();
        var ui = IsUiPath(Request.Path);
        if (!ui && !Request.Path.StartsWithSegments("/api"))
        {
            return AuthenticateResult.NoResult();
        }

        // Resolved only for /api requests: the registry's hot path must not pay for them.
        var services = Context.RequestServices;
        var verifier = services.GetRequiredService<CredentialVerifier>();
        var logins = services.GetRequiredService<LoginService>();
        var sessions = services.GetRequiredService<SessionService>();
        var tokens = services.GetRequiredService<AccessTokenService>();

        Principal? principal = null;
        string? sessionId = null;
        if (header.Length == 0 || ui)
        {
            // The UI (pages and the Blazor circuit) knows only the session cookie.
            if (!Request.Cookies.TryGetValue(SessionService.CookieName, out var cookie) || await sessions.FindAsync(cookie, Context.RequestAborted) is not { } session)
            {
                return AuthenticateResult.NoResult();
            }

            // A cookie rides along on requests another site makes the browser send: /api state
            // changes must also prove they come from a page that read the session's token (the
            // UI's forms carry antiforgery tokens, its circuit is same-origin).
            sessionId = session.Id;
            if (!ui && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method)
                && Request.Headers[SessionService.CsrfHeader].ToString() != session.CsrfToken)
            {
                Context.Items[CsrfKey] = true;
                return AuthenticateResult.Fail("missing or wrong X-CSRF-Token");
            }

            principal = await verifier.FindActiveAsync(session.UserId, Context.RequestAborted);
            Context.Items[SessionService.CsrfHeader] = session.CsrfToken;
        }
        else if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = await tokens.VerifyAsync(header[7..].Trim(), Context.RequestAborted);
            if (token is not null && TokenScopes.Parse(token.Scopes).Contains(TokenScopes.Api)
                && await verifier.FindActiveAsync(token.UserId, Context.RequestAborted) is { } owner)
            {
                principal = owner with { TokenId = token.Id };
            }
        }
        else if (BasicCredentials.TryParse(Request.Headers.Authorization, out var basic))
        {
            var login = await logins.LoginAsync(Context, basic.Username, basic.Secret, "api", recordSuccess: false);
            if (login.RetryAfter is { } wait)
            {
                Context.Items[RetryAfterKey] = wait;
                return AuthenticateResult.Fail("too many failed logins");
            }

            principal = login.Principal;
            if (principal?.TokenId is { } tokenId && !await HasApiScopeAsync(tokenId))
            {
                principal = null;
            }
        }

        if (principal?.UserId is not { } userId)
        {
            return AuthenticateResult.Fail("invalid credentials");
        }

        Context.Items[typeof(Principal)] = principal;
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new(ClaimTypes.Name, principal.Name) };
        if (sessionId is not null)
        {
            claims.Add(new Claim(SessionClaim, sessionId));
        }
        if (principal.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    /// <summary>Paths of the web UI: everything that is not the registry, the API or an operator endpoint.</summary>
    public static bool IsUiPath(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/v2") && !path.StartsWithSegments("/auth")
        && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz") && !path.StartsWithSegments("/metrics")
        && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/_framework");

    /// <summary>A throttled login answers 429 with Retry-After instead of 401; a UI page sends the browser to the login page.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsUiPath(Request.Path) && !Request.Path.StartsWithSegments("/_blazor"))
        {
            Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString));
            return Task.CompletedTask;
        }

        if (Context.Items.TryGetValue(RetryAfterKey, out var value) && value is TimeSpan wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Portalcrane.Registry.Access.RegistryAnswers.SetRetryAfter(Response, wait);
            return Task.CompletedTask;
        }

        if (Context.Items.ContainsKey(CsrfKey))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return base.HandleChallengeAsync(properties);
    }

    private async Task<bool> HasApiScopeAsync(string tokenId) =>
        (await Context.RequestServices.GetRequiredService<AccessTokenService>().ListScopesAsync(tokenId, Context.RequestAborted)).Contains(TokenScopes.Api);
}
