using System.Globalization;
using StackExchange.Redis;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// What one decision found: allowed or not, tokens left in the emptiest bucket, how long until a retry can
/// pass, and the index of the bucket that denied with the longest wait (-1 when allowed).
/// </summary>
internal readonly record struct BucketDecision(bool Allowed, long Remaining, TimeSpan RetryAfter, int DeniedBy);

/// <summary>
/// Token buckets evaluated atomically in Redis, one EVAL per decision whatever the number of buckets: a
/// request passes only if every bucket holds <c>cost</c> tokens, and only then are they all debited.
/// Time comes from Redis <c>TIME</c>, so app servers' clocks never matter. Each bucket is a hash
/// {tokens, updated_ms} expiring when it would be full again, so idle callers leave nothing behind.
/// The keys of one decision must live on one node (plain Redis or Sentinel; Redis Cluster would need a hash tag).
/// </summary>
internal static class TokenBucketScript
{
    // ARGV[1] = cost; then per key i: ARGV[2i] = capacity, ARGV[2i+1] = refill in tokens per millisecond.
    // Redis converts Lua numbers in replies to integers, hence the floor/ceil before returning.
    internal const string Source = """
        if redis.replicate_commands then redis.replicate_commands() end
        local now = redis.call('TIME')
        local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        local cost = tonumber(ARGV[1])
        local need = math.max(cost, 1)
        local levels = {}
        local allowed = 1
        local retry_ms = 0
        local denied_by = -1
        for i = 1, #KEYS do
          local capacity = tonumber(ARGV[2 * i])
          local rate = tonumber(ARGV[2 * i + 1])
          local state = redis.call('HMGET', KEYS[i], 'tokens', 'updated_ms')
          local tokens = tonumber(state[1])
          local updated = tonumber(state[2])
          if tokens == nil or updated == nil then
            tokens = capacity
          else
            tokens = math.min(capacity, tokens + math.max(0, now_ms - updated) * rate)
          end
          levels[i] = tokens
          if tokens < need then
            allowed = 0
            local wait = math.ceil((need - tokens) / rate)
            if wait >= retry_ms then
              retry_ms = wait
              denied_by = i - 1
            end
          end
        end
        local remaining = -1
        for i = 1, #KEYS do
          local tokens = levels[i]
          if allowed == 1 and cost > 0 then
            local capacity = tonumber(ARGV[2 * i])
            local rate = tonumber(ARGV[2 * i + 1])
            tokens = tokens - cost
            redis.call('HSET', KEYS[i], 'tokens', tostring(tokens), 'updated_ms', tostring(now_ms))
            redis.call('PEXPIRE', KEYS[i], math.max(1, math.ceil((capacity - tokens) / rate)))
          end
          if remaining < 0 or tokens < remaining then
            remaining = tokens
          end
        end
        return { allowed, math.floor(remaining), retry_ms, denied_by }
        """;

    /// <summary>Runs one decision over <paramref name="buckets"/> (at least one).</summary>
    public static async Task<BucketDecision> EvaluateAsync(IDatabase database, IReadOnlyList<BucketSpec> buckets, int cost)
    {
        var keys = new RedisKey[buckets.Count];
        var values = new RedisValue[1 + (2 * buckets.Count)];
        values[0] = cost;
        for (var i = 0; i < buckets.Count; i++)
        {
            keys[i] = buckets[i].Key;
            values[1 + (2 * i)] = buckets[i].Capacity;
            values[2 + (2 * i)] = (buckets[i].PermitsPerMinute / 60_000d).ToString("R", CultureInfo.InvariantCulture);
        }

        var reply = (RedisResult[])(await database.ScriptEvaluateAsync(Source, keys, values))!;
        return new BucketDecision(
            Allowed: (long)reply[0] == 1,
            Remaining: (long)reply[1],
            RetryAfter: TimeSpan.FromMilliseconds((long)reply[2]),
            DeniedBy: (int)(long)reply[3]);
    }
}
