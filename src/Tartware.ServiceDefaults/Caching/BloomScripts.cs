namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Lua run atomically by Redis. Keys of one filter share the hash tag <c>{name}</c>, so they live in one
/// cluster slot; the versioned bitmap key is derived inside the scripts from the current version (it cannot
/// be known before the script runs without a second round trip). Positions: (h1 + i * h2) % m, as in
/// <see cref="BloomMath.Position"/>.
/// </summary>
internal static class BloomScripts
{
    /// <summary>KEYS: meta, bitmap base. ARGV: h1, h2. Returns -1 no filter, 0 absent, 1 maybe.</summary>
    public const string Query = """
        local meta = redis.call('HMGET', KEYS[1], 'version', 'm', 'k')
        if not meta[1] then return -1 end
        local key = KEYS[2] .. meta[1]
        local m, k = tonumber(meta[2]), tonumber(meta[3])
        local h1, h2 = tonumber(ARGV[1]), tonumber(ARGV[2])
        for i = 0, k - 1 do
          if redis.call('GETBIT', key, (h1 + i * h2) % m) == 0 then return 0 end
        end
        return 1
        """;

    /// <summary>
    /// KEYS: meta, bitmap base, builds (zset version → lease end ms), pending base. ARGV: h1, h2, now ms,
    /// pending ttl ms. Sets the bits in the current version and records the hashes for every live build.
    /// </summary>
    public const string Add = """
        local h1, h2 = tonumber(ARGV[1]), tonumber(ARGV[2])
        local meta = redis.call('HMGET', KEYS[1], 'version', 'm', 'k')
        if meta[1] then
          local key = KEYS[2] .. meta[1]
          local m, k = tonumber(meta[2]), tonumber(meta[3])
          local fresh = 0
          for i = 0, k - 1 do
            fresh = fresh + 1 - redis.call('SETBIT', key, (h1 + i * h2) % m, 1)
          end
          if fresh > 0 then redis.call('HINCRBY', KEYS[1], 'items', 1) end
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[3])
        for _, v in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
          local pending = KEYS[4] .. v
          redis.call('RPUSH', pending, ARGV[1], ARGV[2])
          redis.call('PEXPIRE', pending, ARGV[4])
        end
        return 1
        """;

    /// <summary>KEYS: sequence, builds, meta. ARGV: lease end ms. Returns the new build's version.</summary>
    public const string Register = """
        local v = redis.call('INCR', KEYS[1])
        local current = tonumber(redis.call('HGET', KEYS[3], 'version') or '0')
        if v <= current then
          v = current + 1
          redis.call('SET', KEYS[1], v)
        end
        redis.call('ZADD', KEYS[2], ARGV[1], v)
        return v
        """;

    /// <summary>
    /// KEYS: meta, builds, pending list, new bitmap, bitmap base. ARGV: version, m, k, items, built_at ms,
    /// build ms, now ms, bitmap key name. Replays the adds recorded during the build into the new bitmap,
    /// points the metadata at it and deletes the old bitmap, all at once. Returns the number of replayed
    /// adds, -1 if the lease expired (adds may have gone unrecorded), -2 if a newer version is current.
    /// </summary>
    public const string Swap = """
        local lease = redis.call('ZSCORE', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        if not lease or tonumber(lease) < tonumber(ARGV[7]) then
          redis.call('DEL', KEYS[3], KEYS[4])
          return -1
        end
        local current = redis.call('HGET', KEYS[1], 'version')
        if current and tonumber(current) > tonumber(ARGV[1]) then
          redis.call('DEL', KEYS[3], KEYS[4])
          return -2
        end
        local m, k, items = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local pending = redis.call('LRANGE', KEYS[3], 0, -1)
        for j = 1, #pending, 2 do
          local h1, h2 = tonumber(pending[j]), tonumber(pending[j + 1])
          local fresh = 0
          for i = 0, k - 1 do
            fresh = fresh + 1 - redis.call('SETBIT', KEYS[4], (h1 + i * h2) % m, 1)
          end
          if fresh > 0 then items = items + 1 end
        end
        redis.call('DEL', KEYS[3])
        redis.call('PERSIST', KEYS[4])
        redis.call('HSET', KEYS[1], 'version', ARGV[1], 'key', ARGV[8], 'm', ARGV[2], 'k', ARGV[3],
          'items', items, 'built_at', ARGV[5], 'build_ms', ARGV[6])
        if current and current ~= ARGV[1] then redis.call('DEL', KEYS[5] .. current) end
        return #pending / 2
        """;
}
