using Portalcrane.Features.Access;
using Portalcrane.Features.Identity;
using Portalcrane.Oci;
using Portalcrane.Registry.Access;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>
/// The Docker token service at <c>/auth/token</c>: GET with Basic credentials or anonymously, and
/// the OAuth2 POST form with the password grant. The token grants the intersection of what was
/// asked and what the folder rules allow.
/// https://distribution.github.io/distribution/spec/auth/token/
/// https://distribution.github.io/distribution/spec/auth/oauth/
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/auth/token", GetAsync);
        app.MapPost("/auth/token", PostAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, LoginService logins, AccessPolicy policy, TokenIssuer issuer, RefreshTokenService refresh)
    {
        var principal = Principal.Anonymous;
        if (BasicCredentials.TryParse(http.Request.Headers.Authorization, out var basic))
        {
            var login = await logins.LoginAsync(http, basic.Username, basic.Secret, "token", recordSuccess: true);
            if (login.RetryAfter is { } wait)
            {
                return RegistryAnswers.TooManyRequests(http, wait);
            }

            if (login.Principal is null)
            {
                return RegistryAnswers.Unauthorized(http, "Basic realm=\"portalcrane\"", "invalid username or password");
            }

            principal = login.Principal;
        }

        var scopes = http.Request.Query["scope"].SelectMany(s => (s ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var token = issuer.Issue(principal, await GrantAsync(policy, principal, scopes, http.RequestAborted));
        var refreshToken = http.Request.Query["offline_token"] == "true" && principal.IsAuthenticated
            ? await refresh.IssueAsync(principal, http.RequestAborted)
            : null;
        return TypedResults.Json(new TokenResponse(token.Token, token.Token, token.ExpiresIn, token.IssuedAt, refreshToken));
    }

    private static async Task<IResult> PostAsync(HttpContext http, LoginService logins, AccessPolicy policy, TokenIssuer issuer, RefreshTokenService refresh)
    {
        if (!http.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "expected an application/x-www-form-urlencoded body");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        Principal principal;
        string? refreshToken = null;
        switch (form["grant_type"].ToString())
        {
            case "password":
                var login = await logins.LoginAsync(http, form["username"].ToString(), form["password"].ToString(), "token", recordSuccess: true);
                if (login.RetryAfter is { } wait)
                {
                    return RegistryAnswers.TooManyRequests(http, wait);
                }

                if (login.Principal is null)
                {
                    return TypedResults.Json(new OAuthErrorResponse("invalid_grant", "invalid username or password"), statusCode: StatusCodes.Status401Unauthorized);
                }

                principal = login.Principal;
                if (form["access_type"] == "offline")
                {
                    refreshToken = await refresh.IssueAsync(principal, http.RequestAborted);
                }

                break;
            case "refresh_token":
                refreshToken = form["refresh_token"].ToString();
                if (await refresh.RedeemAsync(refreshToken, http.RequestAborted) is not { } redeemed)
                {
                    return TypedResults.Json(new OAuthErrorResponse("invalid_grant", "the refresh token is unknown, expired or revoked"), statusCode: StatusCodes.Status401Unauthorized);
                }

                principal = redeemed;
                break;
            default:
                return OAuthError("unsupported_grant_type", "grant_type must be password or refresh_token");
        }

        var scopes = form["scope"].SelectMany(s => (s ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var token = issuer.Issue(principal, await GrantAsync(policy, principal, scopes, http.RequestAborted));
        return TypedResults.Json(new OAuthTokenResponse(token.Token, token.ExpiresIn, token.IssuedAt, string.Join(' ', scopes), refreshToken));
    }

    /// <summary>What a principal gets of the scopes it asked for.</summary>
    public static async Task<List<TokenAccess>> GrantAsync(AccessPolicy policy, Principal principal, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var rules = await policy.LoadAsync(principal, cancellationToken);
        var granted = new List<TokenAccess>();
        foreach (var scope in scopes)
        {
            if (!TokenAccess.TryParseScope(scope, out var asked))
            {
                continue;
            }

            if (asked.Type == TokenAccess.Repository && RepositoryName.IsValid(asked.Name))
            {
                var rights = rules.Decide(asked.Name);
                var allowed = new List<string>();
                if (rights.Pull)
                {
                    allowed.Add("pull");
                }

                if (rights.Push)
                {
                    allowed.AddRange(["push", "delete"]);
                }

                var actions = asked.Actions.Contains("*") ? allowed : [.. asked.Actions.Intersect(allowed, StringComparer.Ordinal)];
                if (actions.Count > 0)
                {
                    granted.Add(asked with { Actions = actions });
                }
            }
            else if (asked.Type == TokenAccess.Registry && asked.Name == "catalog" && principal.IsAuthenticated)
            {
                granted.Add(asked with { Actions = ["*"] });
            }
        }

        return granted;
    }

    private static IResult OAuthError(string error, string description) =>
        TypedResults.Json(new OAuthErrorResponse(error, description), statusCode: StatusCodes.Status400BadRequest);
}
