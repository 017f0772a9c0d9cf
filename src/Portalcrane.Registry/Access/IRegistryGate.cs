using Microsoft.AspNetCore.Http;

namespace Portalcrane.Registry.Access;

/// <summary>
/// How the engine asks the host "may this caller do X on repository Y?". The engine knows
/// nothing of users, tokens or folders; it names the rights each request needs and answers
/// with whatever the gate decides.
/// </summary>
public interface IRegistryGate
{
    /// <summary>
    /// Null when the request may go on; otherwise the answer to send (a 401 challenge or 403).
    /// An empty <paramref name="scopes"/> asks only that the caller be authenticated.
    /// </summary>
    ValueTask<IResult?> AuthorizeAsync(HttpContext context, IReadOnlyList<RegistryScope> scopes);

    /// <summary>True when the caller holds <paramref name="scope"/>, without answering anything (cross-repository mounts).</summary>
    ValueTask<bool> HoldsAsync(HttpContext context, RegistryScope scope);

    /// <summary>The repositories the caller may see in <c>_catalog</c>; null when it may see all of them.</summary>
    ValueTask<Func<string, bool>?> CatalogFilterAsync(HttpContext context);
}
