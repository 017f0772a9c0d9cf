using Portalcrane.Features.Access;
using Portalcrane.Features.Audit;

namespace Portalcrane.Features.Identity;

/// <summary>The outcome of a login: a principal, or why not (and how long to wait when throttled).</summary>
public sealed record LoginResult(Principal? Principal, TimeSpan? RetryAfter);

/// <summary>
/// Every password or token login (token service, /api, Basic on /v2) goes through here: throttled
/// per client and per username, verified, and recorded in the audit log.
/// </summary>
public sealed class LoginService(CredentialVerifier verifier, LoginThrottle throttle, AuditLog audit, Oidc.OidcOptions oidc)
{
    /// <param name="recordSuccess">
    /// False for channels where every request carries credentials (Basic on /api and /v2), so a
    /// success is not an event worth a row; failures are always recorded.
    /// </param>
    public async Task<LoginResult> LoginAsync(HttpContext context, string username, string secret, string channel, bool recordSuccess)
    {
        var client = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(client, username) is { } wait)
        {
            audit.Record(context, username, "login", success: false, target: channel, detail: "throttled");
            return new LoginResult(null, wait);
        }

        var principal = await verifier.VerifyAsync(username, secret, context.RequestAborted);
        if (principal is { TokenId: null } && oidc.OnlyOidc)
        {
            // OIDC-only: passwords no longer open anything; access tokens still do.
            audit.Record(context, username, "login", success: false, target: channel, detail: "password login is disabled (OIDC only)");
            return new LoginResult(null, null);
        }

        if (principal is null)
        {
            throttle.Failed(client, username);
            audit.Record(context, username, "login", success: false, target: channel, detail: "invalid credentials");
            return new LoginResult(null, null);
        }

        throttle.Succeeded(username);
        if (recordSuccess)
        {
            audit.Record(context, principal.Name, "login", success: true, target: channel, detail: principal.TokenId is null ? "password" : $"token {principal.TokenId}");
        }

        return new LoginResult(principal, null);
    }
}
