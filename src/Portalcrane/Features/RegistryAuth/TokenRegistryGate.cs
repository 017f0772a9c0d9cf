using System.Globalization;
using Microsoft.Extensions.Options;
using Portalcrane.Features.Access;
using Portalcrane.Registry.Access;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>
/// The registry's gate when authentication is on. Clients without a token are challenged to the
/// token service (Docker token authentication); a token grants exactly its <c>access</c> claim;
/// Basic credentials sent directly are checked against the folder rules on the spot.
/// https://distribution.github.io/distribution/spec/auth/token/
/// </summary>
public sealed class TokenRegistryGate(RegistryCallers callers, AccessPolicy policy, Identity.CredentialVerifier credentials, IOptions<RegistryAuthOptions> options) : IRegistryGate
{
    public async ValueTask<IResult?> AuthorizeAsync(HttpContext context, IReadOnlyList<RegistryScope> scopes)
    {
        var caller = await callers.IdentifyAsync(context);
        if (caller.RetryAfter is { } wait)
        {
            return RegistryAnswers.TooManyRequests(context, wait);
        }

        if (caller.Invalid)
        {
            return RegistryAnswers.Unauthorized(context, Challenge(context, scopes, "invalid_token"), "the credentials or token are not valid");
        }

        if (caller.Token is { } token)
        {
            return scopes.All(s => token.Allows(s.Repository, ActionName(s.Action)))
                ? null
                : RegistryAnswers.Unauthorized(context, Challenge(context, scopes, "insufficient_scope"), "the token does not grant this");
        }

        if (scopes.Count == 0 && caller.Principal.IsAuthenticated)
        {
            return null;
        }

        if (scopes.Count > 0 && await AllowsAsync(caller.Principal, scopes, context.RequestAborted))
        {
            return null;
        }

        // Basic credentials were checked and are not enough: that is a refusal, not a question.
        return caller.Principal.IsAuthenticated
            ? RegistryAnswers.Denied("your account may not do this here")
            : RegistryAnswers.Unauthorized(context, Challenge(context, scopes, null), "authentication required");
    }

    public async ValueTask<bool> HoldsAsync(HttpContext context, RegistryScope scope)
    {
        var caller = await callers.IdentifyAsync(context);
        return !caller.Invalid && (caller.Token is { } token
            ? token.Allows(scope.Repository, ActionName(scope.Action))
            : await AllowsAsync(caller.Principal, [scope], context.RequestAborted));
    }

    public async ValueTask<Func<string, bool>?> CatalogFilterAsync(HttpContext context)
    {
        var caller = await callers.IdentifyAsync(context);
        var principal = caller.Principal;
        if (caller.Token is not null && principal.UserId is { } userId)
        {
            // A bearer caller carries only its grants: the catalog needs the account's rules.
            principal = await credentials.FindActiveAsync(userId, context.RequestAborted) ?? Principal.Anonymous;
        }

        if (principal.IsAdmin)
        {
            return null;
        }

        var rules = await policy.LoadAsync(principal, context.RequestAborted);
        return repository => rules.Decide(repository).Pull;
    }

    public static string ActionName(RegistryAction action) => action switch
    {
        RegistryAction.Push => "push",
        RegistryAction.Delete => "delete",
        _ => "pull",
    };

    private async Task<bool> AllowsAsync(Principal principal, IReadOnlyList<RegistryScope> scopes, CancellationToken cancellationToken)
    {
        var rules = await policy.LoadAsync(principal, cancellationToken);
        return scopes.All(s => rules.Decide(s.Repository) is var rights && (s.Action == RegistryAction.Pull ? rights.Pull : rights.Push));
    }

    private string Challenge(HttpContext context, IReadOnlyList<RegistryScope> scopes, string? error)
    {
        var realm = $"{PublicBase(context, options.Value)}/auth/token";
        var challenge = string.Create(CultureInfo.InvariantCulture, $"Bearer realm=\"{realm}\",service=\"{options.Value.Service}\"");
        if (scopes.Count > 0)
        {
            var requested = string.Join(' ', scopes.GroupBy(s => s.Repository).Select(g =>
                $"repository:{g.Key}:{string.Join(',', g.SelectMany(s => s.Action == RegistryAction.Push ? ["pull", "push"] : new[] { ActionName(s.Action) }).Distinct())}"));
            challenge += $",scope=\"{requested}\"";
        }

        return error is null ? challenge : challenge + $",error=\"{error}\"";
    }

    /// <summary>The base URL clients use: the configured public URL, else what the request shows.</summary>
    public static string PublicBase(HttpContext context, RegistryAuthOptions options) =>
        options.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}";
}
