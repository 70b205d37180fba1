using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Invalidations that could not reach Redis. They are replayed before this process reads Redis again (and
/// by the readiness probe), so a mutation committed during an outage cannot be hidden by an entry cached
/// before it. Bounded: past the limit they collapse into the global tag, which invalidates everything.
/// If the process dies first they are lost and the entries' TTL bounds the staleness.
/// </summary>
internal sealed partial class PendingInvalidations
{
    private readonly ConcurrentDictionary<string, byte> _tags = new(StringComparer.Ordinal);
    private int _count; // lock-free fast path: every cache read asks whether anything is owed
    private readonly RedisGuard _redis;
    private readonly CachingOptions _options;
    private readonly ILogger<PendingInvalidations> _logger;

    public PendingInvalidations(RedisGuard redis, IOptions<CachingOptions> options, ILogger<PendingInvalidations> logger)
    {
        _redis = redis;
        _options = options.Value;
        _logger = logger;
    }

    public int Count => Volatile.Read(ref _count);

    public void Add(string tag)
    {
        if (Count >= _options.MaxPendingInvalidations)
        {
            foreach (var pending in _tags.Keys)
            {
                Remove(pending);
            }

            tag = CacheRedisProtocol.GlobalTag;
        }

        if (_tags.TryAdd(tag, 0) && Interlocked.Increment(ref _count) == 1)
        {
            LogDeferred();
        }
    }

    /// <summary>True when nothing is owed to Redis any more.</summary>
    public async Task<bool> ReplayAsync()
    {
        if (Count == 0)
        {
            return true;
        }

        var replayed = 0;
        foreach (var tag in _tags.Keys)
        {
            var (ok, _) = await _redis.TryAsync(db => CacheRedisProtocol.InvalidateAsync(db, tag, _options.TagVersionTtl));
            if (!ok)
            {
                return false;
            }

            Remove(tag);
            replayed++;
        }

        LogReplayed(replayed);
        return Count == 0;
    }

    private void Remove(string tag)
    {
        if (_tags.TryRemove(tag, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Cache invalidation could not reach Redis; it will be replayed before Redis is read again")]
    private partial void LogDeferred();

    [LoggerMessage(EventId = 5304, Level = LogLevel.Information, Message = "Replayed {Count} deferred cache invalidations")]
    private partial void LogReplayed(int count);
}

/// <summary><see cref="ICacheHealth"/> over the shared circuit and the replay queue.</summary>
internal sealed class CacheHealth(RedisGuard redis, PendingInvalidations pending) : ICacheHealth
{
    public bool RedisAvailable => redis.IsAvailable;

    public int PendingInvalidations => pending.Count;

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken = default)
    {
        // Always a real round trip: nothing else tells an idle process that Redis went away or came back.
        await redis.ProbeAsync().WaitAsync(cancellationToken);
        await pending.ReplayAsync().WaitAsync(cancellationToken);
        return redis.IsAvailable;
    }
}
