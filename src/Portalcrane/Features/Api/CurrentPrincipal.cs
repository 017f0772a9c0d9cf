using Portalcrane.Features.Access;

namespace Portalcrane.Features.Api;

/// <summary>The principal the /api authentication handler put on the request.</summary>
public static class CurrentPrincipal
{
    public static Principal Of(HttpContext context) =>
        context.Items.TryGetValue(typeof(Principal), out var value) && value is Principal principal ? principal : Principal.Anonymous;
}
