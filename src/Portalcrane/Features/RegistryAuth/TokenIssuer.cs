using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Portalcrane.Features.Access;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>
/// Issues and validates the registry's bearer tokens: ES256 JWTs with a <c>kid</c>, the service as
/// audience, a short lifetime and the granted <c>access</c> claim.
/// </summary>
public sealed class TokenIssuer(SigningKey signingKey, IOptions<RegistryAuthOptions> options, TimeProvider time)
{
    public const string Issuer = "portalcrane";
    private const string AccessClaim = "access";
    private const string TokenIdClaim = "pat";
    private const int MaxVerified = 10_000;
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ValidatedToken Token, DateTime Expires)> _verified = new(StringComparer.Ordinal);

    public IssuedToken Issue(Principal principal, IReadOnlyList<TokenAccess> access)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [AccessClaim] = access.Select(a => new Dictionary<string, object> { ["type"] = a.Type, ["name"] = a.Name, ["actions"] = a.Actions.ToArray() }).ToArray(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (principal.UserId is { } userId)
        {
            claims["uid"] = userId;
        }

        if (principal.TokenId is not null)
        {
            claims[TokenIdClaim] = principal.TokenId;
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = options.Value.Service,
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(JwtRegisteredClaimNames.Sub, principal.Name)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.EcdsaSha256),
        });
        return new IssuedToken(token, (int)options.Value.TokenLifetime.TotalSeconds, now);
    }

    /// <summary>The token's grants when its signature, algorithm, issuer, audience and lifetime all check out; else null.</summary>
    public async Task<ValidatedToken?> ValidateAsync(string token)
    {
        // A signature that verified once verifies forever: clients send the same token with every
        // request until it expires, so the ECDSA check runs once per token, not per request.
        var now = time.GetUtcNow().UtcDateTime;
        if (_verified.TryGetValue(token, out var known))
        {
            return now < known.Expires ? known.Token : null;
        }

        var validated = await VerifyAsync(token);
        if (validated is not null)
        {
            if (_verified.Count >= MaxVerified)
            {
                _verified.Clear();
            }

            _verified[token] = (validated.Value.Token, validated.Value.Expires);
        }

        return validated?.Token;
    }

    private async Task<(ValidatedToken Token, DateTime Expires)?> VerifyAsync(string token)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = options.Value.Service,
            IssuerSigningKey = signingKey.Key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, p) =>
                expires is { } e && time.GetUtcNow().UtcDateTime < e.ToUniversalTime() + p.ClockSkew
                && (notBefore is not { } n || time.GetUtcNow().UtcDateTime + p.ClockSkew >= n.ToUniversalTime()),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        var access = new List<TokenAccess>();
        if (jwt.TryGetPayloadValue<JsonElement>(AccessClaim, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in array.EnumerateArray())
            {
                access.Add(new TokenAccess(
                    entry.GetProperty("type").GetString() ?? string.Empty,
                    entry.GetProperty("name").GetString() ?? string.Empty,
                    [.. entry.GetProperty("actions").EnumerateArray().Select(a => a.GetString() ?? string.Empty)]));
            }
        }

        long? userId = jwt.TryGetPayloadValue<long>("uid", out var uid) ? uid : null;
        string? tokenId = jwt.TryGetPayloadValue<string>(TokenIdClaim, out var pat) ? pat : null;
        return (new ValidatedToken(jwt.Subject ?? string.Empty, userId, tokenId, access), jwt.ValidTo.ToUniversalTime() + TimeSpan.FromSeconds(30));
    }
}
