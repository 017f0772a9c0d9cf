using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Identity;

/// <summary>Server-side sessions behind the <c>portalcrane_session</c> cookie.</summary>
public sealed class SessionService(PortalcraneDbContext db, TimeProvider time)
{
    public const string CookieName = "portalcrane_session";
    public const string CsrfHeader = "X-CSRF-Token";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>Opens a session; returns the cookie value (shown to the browser only) and the CSRF token.</summary>
    public async Task<(string Cookie, string Csrf)> OpenAsync(long userId, CancellationToken cancellationToken)
    {
        var cookie = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var csrf = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow().UtcDateTime;
        db.Sessions.Add(new SessionEntity { Id = HashOf(cookie), UserId = userId, CsrfToken = csrf, CreatedAt = now, ExpiresAt = now + Lifetime });
        await db.Sessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (cookie, csrf);
    }

    public Task<SessionEntity?> FindAsync(string cookie, CancellationToken cancellationToken)
    {
        var id = HashOf(cookie);
        var now = time.GetUtcNow().UtcDateTime;
        return db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Whether the session with this id (the hash of its cookie) is still open.</summary>
    public Task<bool> IsOpenAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Sessions.AsNoTracking().AnyAsync(s => s.Id == id && s.ExpiresAt > now, cancellationToken);
    }

    public async Task CloseAsync(string cookie, CancellationToken cancellationToken)
    {
        var id = HashOf(cookie);
        await db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    private static string HashOf(string cookie) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)));
}
