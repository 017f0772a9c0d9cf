using System.Threading.Channels;

namespace Portalcrane.Features.Audit;

/// <summary>
/// Where events are recorded: a bounded queue that a request writes to without waiting, drained
/// into the database by <see cref="AuditWriter"/>.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    private readonly Channel<AuditEventEntity> _queue = Channel.CreateBounded<AuditEventEntity>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    internal ChannelReader<AuditEventEntity> Reader => _queue.Reader;

    public void Record(HttpContext? context, string actor, string action, bool success, string? target = null, string? repository = null, string? digest = null, long? size = null, string? detail = null) =>
        _queue.Writer.TryWrite(new AuditEventEntity
        {
            Time = time.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            Success = success,
            Target = target,
            Repository = repository,
            Digest = digest,
            Size = size,
            Detail = detail,
            ClientAddress = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = context?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 256)] : null,
        });
}
