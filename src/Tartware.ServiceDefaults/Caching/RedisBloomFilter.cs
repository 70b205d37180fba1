using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// <see cref="IBloomFilter"/> on Redis. Keys (under the deployment prefix): <c>bloom:{name}:current</c>
/// (hash: version, key, m, k, items, built_at, build_ms), <c>bloom:{name}:v{n}</c> (bitmaps),
/// <c>bloom:{name}:seq</c>, <c>bloom:{name}:builds</c> (builds in progress) and
/// <c>bloom:{name}:pending:v{n}</c> (adds made while version n was being built).
/// </summary>
internal sealed partial class RedisBloomFilter : IBloomFilter
{
    /// <summary>Items whose add failed are kept this long at most; beyond, a rebuild must recover them.</summary>
    private const int MaxUnsynced = 100_000;

    private readonly RedisGuard _redis;
    private readonly CachingMetrics _metrics;
    private readonly BloomFilterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _unsynced = new(StringComparer.Ordinal);
    private int _unsyncedCount; // lock-free fast path for every lookup
    private readonly RedisKey _meta;
    private readonly string _bitmapBase;
    private readonly RedisKey _sequence;
    private readonly RedisKey _builds;
    private readonly string _pendingBase;

    public RedisBloomFilter(
        string name, BloomFilterOptions options, RedisGuard redis, CachingMetrics metrics, TimeProvider time, ILogger logger)
    {
        CacheNames.Validate(name, nameof(name));
        Name = name;
        _options = options;
        _redis = redis;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        var root = $"bloom:{{{name}}}:";
        _meta = root + "current";
        _bitmapBase = root + "v";
        _sequence = root + "seq";
        _builds = root + "builds";
        _pendingBase = root + "pending:v";
    }

    public string Name { get; }

    /// <summary>Last stats read from Redis, for the metric gauges (which must not block on I/O).</summary>
    internal BloomFilterStats? LastStats { get; private set; }

    internal DateTimeOffset LastStatsAt { get; private set; }

    public async Task<BloomLookup> MightContainAsync(string item, CancellationToken cancellationToken = default)
    {
        var answer = await LookupAsync(item).WaitAsync(cancellationToken);
        _metrics.BloomLookup(Name, answer);
        return answer;
    }

    public async Task<bool> AddAsync(string item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await ReplayUnsyncedAsync().WaitAsync(cancellationToken) && await TryAddAsync(item).WaitAsync(cancellationToken))
        {
            return true;
        }

        if (Volatile.Read(ref _unsyncedCount) < MaxUnsynced && _unsynced.TryAdd(item, 0))
        {
            Interlocked.Increment(ref _unsyncedCount);
        }

        LogAddDeferred(Name);
        return false;
    }

    public async Task<BloomFilterStats?> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var (ok, fields) = await _redis.TryAsync(db => db.HashGetAllAsync(_meta)).WaitAsync(cancellationToken);
        if (!ok)
        {
            return null;
        }

        var stats = ToStats(fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!, StringComparer.Ordinal));
        LastStats = stats;
        LastStatsAt = _time.GetUtcNow();
        return stats;
    }

    private async Task<BloomLookup> LookupAsync(string item)
    {
        var (h1, h2) = BloomMath.Hash(item);
        // An item this process failed to add may be missing from the bitmap: "absent" would deny it.
        if (!await ReplayUnsyncedAsync() && _unsynced.ContainsKey(item))
        {
            return BloomLookup.Unknown;
        }

        var (ok, result) = await _redis.TryAsync(db => db.ScriptEvaluateAsync(BloomScripts.Query, [_meta, _bitmapBase], [h1, h2]));
        return !ok ? BloomLookup.Unknown : (long)result! switch
        {
            1 => BloomLookup.MaybePresent,
            0 => BloomLookup.Absent,
            _ => BloomLookup.Unknown,
        };
    }

    private async Task<bool> TryAddAsync(string item)
    {
        var (h1, h2) = BloomMath.Hash(item);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var (ok, _) = await _redis.TryAsync(db => db.ScriptEvaluateAsync(
            BloomScripts.Add,
            [_meta, _bitmapBase, _builds, _pendingBase],
            [h1, h2, now, (long)_options.BuildLease.TotalMilliseconds]));
        return ok;
    }

    private async Task<bool> ReplayUnsyncedAsync()
    {
        if (Volatile.Read(ref _unsyncedCount) == 0)
        {
            return true;
        }

        foreach (var item in _unsynced.Keys)
        {
            if (!await TryAddAsync(item))
            {
                return false;
            }

            if (_unsynced.TryRemove(item, out _))
            {
                Interlocked.Decrement(ref _unsyncedCount);
            }
        }

        return true;
    }

    private BloomFilterStats? ToStats(Dictionary<string, string> fields)
    {
        if (!fields.TryGetValue("version", out var version))
        {
            return null;
        }

        long Number(string field) => long.Parse(fields[field], NumberStyles.Integer, CultureInfo.InvariantCulture);
        var bits = Number("m");
        var hashCount = (int)Number("k");
        var items = Number("items");
        var builtAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("built_at"));
        return new BloomFilterStats(
            long.Parse(version, CultureInfo.InvariantCulture), bits, hashCount, items, builtAt,
            _time.GetUtcNow() - builtAt, TimeSpan.FromMilliseconds(Number("build_ms")),
            BloomMath.EstimatedFalsePositiveRate(bits, hashCount, items));
    }

    [LoggerMessage(EventId = 5310, Level = LogLevel.Warning, Message = "Bloom filter {Filter}: add could not reach Redis; kept in this process until it does")]
    private partial void LogAddDeferred(string filter);
}
