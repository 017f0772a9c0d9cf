using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Portalcrane.Features.Audit;
using Portalcrane.Features.Identity;

namespace Portalcrane.Features.Oidc;

/// <summary>
/// Authorization code flow with PKCE and nonce through ASP.NET Core's OpenID Connect handler.
/// On return the identity is provisioned and a Portalcrane session opened, as a password login would.
/// </summary>
public static class OidcSetup
{
    private const string ExternalScheme = "oidc-external";

    public static WebApplicationBuilder AddOidc(this WebApplicationBuilder builder)
    {
        var options = OidcOptions.FromConfiguration(builder.Configuration);
        if (options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<OidcProvisioner>();
        if (!options.Enabled)
        {
            return builder;
        }

        builder.Services.AddAuthentication()
            .AddCookie(ExternalScheme)
            .AddOpenIdConnect(OidcOptions.Scheme, oidc =>
            {
                oidc.SignInScheme = ExternalScheme;
                oidc.Authority = options.Issuer;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = options.ResponseType;
                oidc.UsePkce = true;

                // The code comes back on a top-level GET redirect, so the correlation and nonce
                // cookies can be SameSite=Lax and work over plain HTTP too (a form_post return
                // needs SameSite=None, which browsers accept only on HTTPS).
                oidc.ResponseMode = "query";
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.CallbackPath = options.CallbackPath;
                oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.ClaimActions.MapJsonKey(options.GroupsClaim, options.GroupsClaim);
                oidc.SaveTokens = false;
                oidc.Scope.Clear();
                foreach (var scope in options.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    oidc.Scope.Add(scope);
                }

                oidc.Events.OnTicketReceived = SignInAsync;
                oidc.Events.OnRemoteFailure = FailAsync;
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/oidc/login", (string? returnUrl, OidcOptions options) => options.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OidcOptions.Scheme])
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Single sign-on is not configured"))
            .AllowAnonymous();
        return app;
    }

    /// <summary>The provider vouched for the user: provision, open a session, go back where the user was.</summary>
    private static async Task SignInAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var user = await services.GetRequiredService<OidcProvisioner>().ProvisionAsync(context.Principal!, http.RequestAborted);
        var audit = services.GetRequiredService<AuditLog>();
        if (user.Disabled)
        {
            audit.Record(http, user.Username, "login", success: false, target: "oidc", detail: "account disabled");
            context.Response.Redirect("/login?error=disabled");
            context.HandleResponse();
            return;
        }

        var (cookie, _) = await services.GetRequiredService<SessionService>().OpenAsync(user.Id, http.RequestAborted);
        SessionCookie.Append(http, cookie);
        audit.Record(http, user.Username, "login", success: true, target: "oidc");
        context.Response.Redirect(LocalOnly(context.ReturnUri));
        context.HandleResponse();
    }

    private static Task FailAsync(RemoteFailureContext context)
    {
        context.HttpContext.RequestServices.GetRequiredService<AuditLog>()
            .Record(context.HttpContext, string.Empty, "login", success: false, target: "oidc", detail: context.Failure?.Message);
        context.Response.Redirect("/login?error=sso");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>Only paths on this site: an open redirect would let a link send users anywhere.</summary>
    private static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
