using System.Text;
using StackExchange.Redis;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// The Redis side of the two-level cache. Every tag has a version key; an entry's stamp is the list of its
/// tags' versions, and a value is stored together with the stamp it was computed under. A read returns the
/// current stamp and (unless the caller's L1 copy already carries that stamp) the stored value, in one
/// EVAL. Three implicit tags join the caller's: a global one (invalidate everything), and one per key.
/// </summary>
internal static class CacheRedisProtocol
{
    public const string GlobalTag = "*";

    /// <summary>
    /// A missing tag key is seeded with a random version rather than read as 0: after a Redis restart,
    /// eviction or expiry, counters starting again from 0 could revisit a version an L1 copy was stamped
    /// with; a random seed makes that a miss instead of a stale hit.
    /// KEYS: value, tag keys... ARGV: L1 stamp or "", seed, tag ttl ms.
    /// </summary>
    private const string ReadScript = """
        local parts = {}
        for i = 2, #KEYS do
          local v = redis.call('GET', KEYS[i])
          if not v then
            v = ARGV[2]
            redis.call('SET', KEYS[i], v, 'PX', ARGV[3])
          end
          parts[#parts + 1] = v
        end
        local stamp = table.concat(parts, '.')
        if stamp == ARGV[1] then return {stamp} end
        return {stamp, redis.call('GET', KEYS[1])}
        """;

    /// <summary>KEYS: tag key. ARGV: seed, tag ttl ms.</summary>
    private const string InvalidateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('INCR', KEYS[1])
        else
          redis.call('SET', KEYS[1], ARGV[1])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    public static string KeyTag(string cacheName, string key) => $"key:{cacheName}:{key}";

    /// <summary>Distinct, ordinal-sorted, with the implicit tags first, so every call site computes the same stamp.</summary>
    public static string[] EffectiveTags(string cacheName, string key, IReadOnlyList<string> tags)
    {
        var sorted = new SortedSet<string>(tags, StringComparer.Ordinal);
        return [GlobalTag, KeyTag(cacheName, key), .. sorted];
    }

    public static async Task<CacheRead> ReadAsync(
        IDatabase db, string cacheName, string key, string[] tags, string? l1Stamp, TimeSpan tagTtl)
    {
        var keys = new RedisKey[tags.Length + 1];
        keys[0] = ValueKey(cacheName, key);
        for (var i = 0; i < tags.Length; i++)
        {
            keys[i + 1] = TagKey(tags[i]);
        }

        var result = (RedisResult[])(await db.ScriptEvaluateAsync(
            ReadScript, keys, [l1Stamp ?? "", NewSeed(), (long)tagTtl.TotalMilliseconds]))!;
        var stamp = (string)result[0]!;
        var payload = result.Length > 1 && !result[1].IsNull ? (byte[])result[1]! : null;
        return new CacheRead(stamp, payload);
    }

    public static Task<bool> WriteAsync(IDatabase db, string cacheName, string key, string stamp, byte[] json, TimeSpan ttl)
    {
        var stampBytes = Encoding.ASCII.GetBytes(stamp);
        var payload = new byte[stampBytes.Length + 1 + json.Length];
        stampBytes.CopyTo(payload, 0);
        payload[stampBytes.Length] = (byte)'\n';
        json.CopyTo(payload, stampBytes.Length + 1);
        return db.StringSetAsync(ValueKey(cacheName, key), payload, ttl);
    }

    public static Task<RedisResult> InvalidateAsync(IDatabase db, string tag, TimeSpan tagTtl) =>
        db.ScriptEvaluateAsync(InvalidateScript, [TagKey(tag)], [NewSeed(), (long)tagTtl.TotalMilliseconds]);

    /// <summary>The JSON of a stored value if it was computed under <paramref name="stamp"/>; null when stale.</summary>
    public static ReadOnlyMemory<byte>? JsonIfCurrent(byte[] payload, string stamp)
    {
        var newline = Array.IndexOf(payload, (byte)'\n');
        if (newline != stamp.Length || !Encoding.ASCII.GetString(payload, 0, newline).Equals(stamp, StringComparison.Ordinal))
        {
            return null;
        }

        return payload.AsMemory(newline + 1);
    }

    private static RedisKey ValueKey(string cacheName, string key) => $"cache:v:{cacheName}:{key}";

    private static RedisKey TagKey(string tag) => $"cache:t:{tag}";

    /// <summary>Seeds below 2^52 leave INCR decades of headroom and stay exact if a script ever does arithmetic on them.</summary>
    private static long NewSeed() => Random.Shared.NextInt64(1, 1L << 52);
}

/// <summary>The current stamp of an entry's tags and, when the caller's L1 copy is not current, the stored payload.</summary>
internal sealed record CacheRead(string Stamp, byte[]? Payload);
