using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>L1 (validated by stamp) → L2 Redis → factory; see <see cref="ITwoLevelCache"/> for the guarantees.</summary>
internal sealed partial class TwoLevelCache : ITwoLevelCache
{
    private readonly RedisGuard _redis;
    private readonly L1Cache _l1;
    private readonly PendingInvalidations _pending;
    private readonly CachingMetrics _metrics;
    private readonly ILogger<TwoLevelCache> _logger;
    private readonly CachingOptions _options;
    private readonly InFlightRequests _inFlight = new();

    public TwoLevelCache(
        RedisGuard redis, L1Cache l1, PendingInvalidations pending, CachingMetrics metrics,
        IOptions<CachingOptions> options, ILogger<TwoLevelCache> logger)
    {
        _redis = redis;
        _l1 = l1;
        _pending = pending;
        _metrics = metrics;
        _logger = logger;
        _options = options.Value;
    }

    public ValueTask<T?> GetOrCreateAsync<T>(
        string cacheName, string key, IReadOnlyList<string> tags, Func<CancellationToken, Task<T?>> factory,
        TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        CacheNames.Validate(cacheName);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var lifetime = ttl < _options.MaxTtl ? ttl : _options.MaxTtl;
        var effectiveTags = CacheRedisProtocol.EffectiveTags(cacheName, key, tags);
        var lookup = _inFlight.RunAsync(
            cacheName + "\n" + key, () => LookupAsync(cacheName, key, effectiveTags, factory, lifetime));
        return new ValueTask<T?>(lookup.WaitAsync(cancellationToken));
    }

    public Task InvalidateTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return InvalidateAsync(tag);
    }

    public Task InvalidateKeyAsync(string cacheName, string key, CancellationToken cancellationToken = default)
    {
        CacheNames.Validate(cacheName);
        ArgumentNullException.ThrowIfNull(key);
        _l1.Remove(cacheName, key);
        return InvalidateAsync(CacheRedisProtocol.KeyTag(cacheName, key));
    }

    private async Task InvalidateAsync(string tag)
    {
        _l1.ExpireTag(tag);
        // Queued invalidations go first, so Redis never sees them out of order with this one.
        if (!await _pending.ReplayAsync() || !(await _redis.TryAsync(db => CacheRedisProtocol.InvalidateAsync(db, tag, _options.TagVersionTtl))).Ok)
        {
            _pending.Add(tag);
        }
    }

    private async Task<T?> LookupAsync<T>(
        string cacheName, string key, string[] tags, Func<CancellationToken, Task<T?>> factory, TimeSpan ttl)
    {
        var local = _l1.Get(cacheName, key);
        CacheRead? read = null;
        // Never read Redis while this process still owes it invalidations: the entries they target are stale.
        if (await _pending.ReplayAsync())
        {
            var (ok, value) = await _redis.TryAsync(db => CacheRedisProtocol.ReadAsync(
                db, cacheName, key, tags, local?.Stamp, _options.TagVersionTtl));
            read = ok ? value : null;
        }

        if (read is null)
        {
            // Degraded: the source answers and nothing is cached anywhere until Redis is back.
            _metrics.Request(cacheName, CacheLayer.L2, CacheLayer.Error);
            return await FromSourceAsync(cacheName, factory);
        }

        if (local is not null && local.Stamp == read.Stamp && (local.Value is null || local.Value is T))
        {
            _metrics.Request(cacheName, CacheLayer.L1, CacheLayer.Hit);
            return (T?)local.Value;
        }

        _metrics.Request(cacheName, CacheLayer.L1, CacheLayer.Miss);
        if (read.Payload is not null && TryDecode<T>(cacheName, read.Payload, read.Stamp, out var cached))
        {
            _metrics.Request(cacheName, CacheLayer.L2, CacheLayer.Hit);
            _l1.Set(cacheName, key, new L1Entry(read.Stamp, cached), ttl, tags);
            return cached;
        }

        _metrics.Request(cacheName, CacheLayer.L2, CacheLayer.Miss);
        var loaded = await FromSourceAsync(cacheName, factory);
        var json = JsonSerializer.SerializeToUtf8Bytes(loaded, _options.JsonSerializerOptions);
        // The stamp read before the factory ran: an invalidation racing with the load leaves this entry stale-stamped, i.e. a miss.
        var (written, _) = await _redis.TryAsync(db => CacheRedisProtocol.WriteAsync(db, cacheName, key, read.Stamp, json, ttl));
        if (written)
        {
            _l1.Set(cacheName, key, new L1Entry(read.Stamp, loaded), ttl, tags);
        }

        return loaded;
    }

    private async Task<T?> FromSourceAsync<T>(string cacheName, Func<CancellationToken, Task<T?>> factory)
    {
        try
        {
            var value = await factory(CancellationToken.None);
            _metrics.Request(cacheName, CacheLayer.Source, CacheLayer.Hit);
            return value;
        }
        catch
        {
            _metrics.Request(cacheName, CacheLayer.Source, CacheLayer.Error);
            throw;
        }
    }

    private bool TryDecode<T>(string cacheName, byte[] payload, string stamp, out T? value)
    {
        value = default;
        if (CacheRedisProtocol.JsonIfCurrent(payload, stamp) is not { } json)
        {
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize<T>(json.Span, _options.JsonSerializerOptions);
            return true;
        }
        catch (JsonException)
        {
            // A value written by an older shape of T: treat as a miss and overwrite it.
            LogUndecodable(cacheName);
            return false;
        }
    }

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Cached value in {CacheName} could not be read as the requested type; reloading it")]
    private partial void LogUndecodable(string cacheName);
}
