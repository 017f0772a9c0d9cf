using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portalcrane.Features.Access;
using Portalcrane.Features.Api;
using Portalcrane.Features.Identity;

namespace Portalcrane.Ui;

/// <summary>
/// The signed-in user of a circuit. The account and the session are checked again before every
/// action (a disabled account or a closed session stops the page at once), and an expired
/// session sends the browser to the login page with the current page as the way back.
/// </summary>
public sealed class UiSession(AuthenticationStateProvider authentication, IServiceScopeFactory scopes, NavigationManager navigation)
{
    public string Name { get; private set; } = string.Empty;

    /// <summary>The current principal, or null (and the browser on its way to the login page) when the session is over.</summary>
    public async Task<Principal?> PrincipalAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var user = state.User;
        if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            ToLogin();
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var sessionId = user.FindFirstValue(ApiAuthenticationHandler.SessionClaim);
        if (sessionId is not null && !await scope.ServiceProvider.GetRequiredService<SessionService>().IsOpenAsync(sessionId, cancellationToken))
        {
            ToLogin();
            return null;
        }

        var principal = await scope.ServiceProvider.GetRequiredService<CredentialVerifier>().FindActiveAsync(userId, cancellationToken);
        if (principal is null)
        {
            ToLogin();
            return null;
        }

        Name = principal.Name;
        return principal;
    }

    /// <summary>Whether the session still holds and belongs to an administrator (checked before every admin change).</summary>
    public async Task<bool> IsAdminAsync(CancellationToken cancellationToken = default) =>
        await PrincipalAsync(cancellationToken) is { IsAdmin: true };

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope (a circuit outlives many operations).</summary>
    public async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public void ToLogin()
    {
        var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo("/login?returnUrl=" + Uri.EscapeDataString(here), forceLoad: true);
    }
}
