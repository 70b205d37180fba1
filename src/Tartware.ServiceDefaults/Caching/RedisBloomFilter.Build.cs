using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Versioned build and atomic swap. The build registers a lease first, so every add from then on is
/// also recorded for it; then it reads the source, builds the bitmap in memory (about 1.2 MB for a million
/// items at 1 %), writes it under a new key in one SET, and a script replays the recorded adds into it and
/// swaps the metadata. Readers see the old version until that script runs: never a partial filter.
/// Callers must add after their commit, so an item is either read by the build (committed before the
/// lease) or recorded for it (added after).
/// </summary>
internal sealed partial class RedisBloomFilter
{
    public async Task<BloomBuildResult> BuildAsync(
        IAsyncEnumerable<string> items, long expectedCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var started = _time.GetTimestamp();
        var db = await _redis.GetDatabaseAsync(_options.BuildRedisTimeout);
        var leaseEnd = _time.GetUtcNow() + _options.BuildLease;
        var version = (long)(await db.ScriptEvaluateAsync(
            BloomScripts.Register, [_sequence, _builds, _meta], [leaseEnd.ToUnixTimeMilliseconds()])
            .WaitAsync(_options.BuildRedisTimeout, cancellationToken))!;
        var bitmapKey = VersionKey(_bitmapBase, version);
        var pendingKey = VersionKey(_pendingBase, version);
        var swapRan = false;
        try
        {
            var hashes = new List<(uint, uint)>((int)Math.Clamp(expectedCount, 16, 2_000_000));
            await foreach (var item in items.WithCancellation(cancellationToken))
            {
                hashes.Add(BloomMath.Hash(item));
            }

            var (bits, hashCount) = BloomMath.Size(Math.Max(expectedCount, hashes.Count), _options.FalsePositiveRate);
            var bitmap = new byte[(bits + 7) / 8];
            foreach (var (h1, h2) in hashes)
            {
                BloomMath.Set(bitmap, bits, hashCount, h1, h2);
            }

            await db.StringSetAsync(bitmapKey, bitmap, _options.BuildLease).WaitAsync(_options.BuildRedisTimeout, cancellationToken);
            var duration = _time.GetElapsedTime(started);
            var builtAt = _time.GetUtcNow();
            swapRan = true; // from here the script cleans up after itself, whatever it answers
            var replayed = (long)(await db.ScriptEvaluateAsync(
                BloomScripts.Swap,
                [_meta, _builds, pendingKey, bitmapKey, _bitmapBase],
                [version, bits, hashCount, hashes.Count, builtAt.ToUnixTimeMilliseconds(), (long)duration.TotalMilliseconds,
                    builtAt.ToUnixTimeMilliseconds(), (string)bitmapKey!])
                .WaitAsync(_options.BuildRedisTimeout, CancellationToken.None))!;
            if (replayed < 0)
            {
                throw new InvalidOperationException(replayed == -1
                    ? $"Bloom filter {Name} v{version}: the build outlived its lease ({_options.BuildLease}); not swapped in."
                    : $"Bloom filter {Name} v{version}: a newer version is already current; not swapped in.");
            }

            LogBuilt(Name, version, hashes.Count, replayed, bits, hashCount, duration.TotalMilliseconds);
            LastStatsAt = DateTimeOffset.MinValue;
            return new BloomBuildResult(version, bits, hashCount, hashes.Count + replayed, replayed, duration);
        }
        catch when (!swapRan)
        {
            await AbandonAsync(db, version, bitmapKey, pendingKey);
            throw;
        }
    }

    private static RedisKey VersionKey(string prefix, long version) =>
        prefix + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Best effort: stop recording adds for a failed build and drop its keys (they also expire with the lease).</summary>
    private async Task AbandonAsync(IDatabase db, long version, RedisKey bitmapKey, RedisKey pendingKey)
    {
        try
        {
            await Task.WhenAll(db.SortedSetRemoveAsync(_builds, version), db.KeyDeleteAsync([bitmapKey, pendingKey]))
                .WaitAsync(_options.BuildRedisTimeout);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogAbandonFailed(Name, version, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 5311, Level = LogLevel.Information, Message = "Bloom filter {Filter} v{Version} swapped in: {Items} items (+{Replayed} added during the build), m={Bits}, k={HashCount}, {DurationMs} ms")]
    private partial void LogBuilt(string filter, long version, int items, long replayed, long bits, int hashCount, double durationMs);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Warning, Message = "Bloom filter {Filter} v{Version}: could not clean up the failed build ({ExceptionType}); its keys expire with the lease")]
    private partial void LogAbandonFailed(string filter, long version, string exceptionType);
}
