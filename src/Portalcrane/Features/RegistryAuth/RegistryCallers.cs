using Portalcrane.Features.Access;
using Portalcrane.Features.Identity;
using Portalcrane.Features.Tokens;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>
/// Identifies the caller of a /v2 request once per request: a bearer token from the token
/// service (still backed by an enabled account and, for tokens obtained with an access token,
/// a live one), Basic credentials sent directly, or nobody.
/// </summary>
public sealed class RegistryCallers(TokenIssuer issuer, CredentialVerifier credentials, LoginService logins, AccessTokenService tokens)
{
    private static readonly object ItemKey = new();

    /// <summary>The caller identified earlier in this request, if any.</summary>
    public static Caller? Known(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var known) ? known as Caller : null;

    public async ValueTask<Caller> IdentifyAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is Caller cached)
        {
            return cached;
        }

        var caller = await ReadAsync(context);
        context.Items[ItemKey] = caller;
        return caller;
    }

    private async Task<Caller> ReadAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        var value = header.ToString();
        var cancellationToken = context.RequestAborted;
        if (value.Length == 0)
        {
            return Caller.Anonymous;
        }

        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = await issuer.ValidateAsync(value[7..].Trim());
            if (token is null)
            {
                return Caller.Rejected;
            }

            if (token.UserId is not { } userId)
            {
                return new Caller(Principal.Anonymous, token);
            }

            // The token says what is granted; the account (and the access token it came from)
            // must still be live, so a disabled user or a revoked token stops at once.
            if (!await credentials.IsActiveAsync(userId, cancellationToken)
                || (token.TokenId is { } tokenId && !await tokens.IsLiveAsync(tokenId, cancellationToken)))
            {
                return Caller.Rejected;
            }

            return new Caller(new Principal { UserId = userId, Name = token.Subject, TokenId = token.TokenId }, token);
        }

        if (BasicCredentials.TryParse(header, out var basic))
        {
            var login = await logins.LoginAsync(context, basic.Username, basic.Secret, "registry", recordSuccess: false);
            return login.Principal is { } principal ? new Caller(principal, null) : Caller.Rejected with { RetryAfter = login.RetryAfter };
        }

        return Caller.Rejected;
    }
}
