using Microsoft.AspNetCore.Http;

namespace Portalcrane.Registry.Access;

/// <summary>Anonymous full access: the engine on its own, or a host with registry authentication turned off.</summary>
public sealed class OpenRegistryGate : IRegistryGate
{
    public ValueTask<IResult?> AuthorizeAsync(HttpContext context, IReadOnlyList<RegistryScope> scopes) => ValueTask.FromResult<IResult?>(null);

    public ValueTask<bool> HoldsAsync(HttpContext context, RegistryScope scope) => ValueTask.FromResult(true);

    public ValueTask<Func<string, bool>?> CatalogFilterAsync(HttpContext context) => ValueTask.FromResult<Func<string, bool>?>(null);
}
