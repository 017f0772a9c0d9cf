using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Tokens;

/// <summary>
/// Last-used times of access tokens, written behind: a use is noted in memory and flushed to the
/// database every half minute, so authenticating never waits on a write.
/// </summary>
public sealed class TokenUsage(IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTime> _pending = new(StringComparer.Ordinal);

    public void Note(string tokenId) => _pending[tokenId] = time.GetUtcNow().UtcDateTime;

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalcraneDbContext>();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var usedAt))
            {
                await db.AccessTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, usedAt), cancellationToken);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None);
        }
    }
}
