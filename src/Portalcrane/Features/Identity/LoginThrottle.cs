using System.Collections.Concurrent;

namespace Portalcrane.Features.Identity;

/// <summary>
/// Failed logins per client address and per username in a sliding window. Past the limit the
/// attempt is refused before any password is hashed, so a login storm costs the server almost
/// nothing and cannot starve pushes.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public const int MaxFailuresPerUser = 10;
    public const int MaxFailuresPerClient = 30;
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string? client, string username)
    {
        var now = time.GetUtcNow();
        var wait = Wait(UserKey(username), MaxFailuresPerUser, now);
        if (client is not null && Wait(ClientKey(client), MaxFailuresPerClient, now) is { } clientWait && (wait is null || clientWait > wait))
        {
            wait = clientWait;
        }

        return wait;
    }

    public void Failed(string? client, string username)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > MaxTracked)
        {
            foreach (var (key, value) in _failures)
            {
                if (now - value.Started > Window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        Add(UserKey(username), now);
        if (client is not null)
        {
            Add(ClientKey(client), now);
        }
    }

    public void Succeeded(string username) => _failures.TryRemove(UserKey(username), out _);

    private void Add(string key, DateTimeOffset now) =>
        _failures.AddOrUpdate(key, _ => new Failures(now, 1), (_, f) => now - f.Started > Window ? new Failures(now, 1) : f with { Count = f.Count + 1 });

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var f) && f.Count >= limit && now - f.Started < Window ? f.Started + Window - now : null;

    private static string UserKey(string username) => "u:" + username.ToLowerInvariant();

    private static string ClientKey(string client) => "c:" + client;

    private sealed record Failures(DateTimeOffset Started, int Count);
}
