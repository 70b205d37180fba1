using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// The in-process layer: a private, size-limited <see cref="MemoryCache"/> (not the shared
/// <see cref="IMemoryCache"/>, whose other users set no entry sizes). Entries carry the stamp they were
/// read under, so the caller can tell whether they are still current.
/// </summary>
internal sealed class L1Cache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _maxTtl;
    private readonly int _maxTagTokens;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _tagTokens = new(StringComparer.Ordinal);

    public L1Cache(IOptions<CachingOptions> options)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.L1SizeLimit });
        _maxTtl = options.Value.L1MaxTtl;
        _maxTagTokens = (int)Math.Min(int.MaxValue / 4, options.Value.L1SizeLimit * 4);
    }

    public int Count => _cache.Count;

    public L1Entry? Get(string cacheName, string key) =>
        _cache.TryGetValue(new L1Key(cacheName, key), out L1Entry? entry) ? entry : null;

    public void Set(string cacheName, string key, L1Entry entry, TimeSpan ttl, string[] tags)
    {
        var options = new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = ttl < _maxTtl ? ttl : _maxTtl,
        };
        foreach (var tag in tags)
        {
            if (tag == CacheRedisProtocol.GlobalTag)
            {
                continue; // ExpireTag clears everything for it
            }

            options.ExpirationTokens.Add(new CancellationChangeToken(TokenFor(tag)));
        }

        _cache.Set(new L1Key(cacheName, key), entry, options);
    }

    public void Remove(string cacheName, string key) => _cache.Remove(new L1Key(cacheName, key));

    /// <summary>Drops this process's entries for a tag at once (other processes notice through the stamp).</summary>
    public void ExpireTag(string tag)
    {
        if (tag == CacheRedisProtocol.GlobalTag)
        {
            _cache.Clear();
        }

        if (_tagTokens.TryRemove(tag, out var source))
        {
            // Not disposed: a concurrent Set may still be reading its Token.
            source.Cancel();
        }
    }

    public void Dispose() => _cache.Dispose();

    private CancellationToken TokenFor(string tag)
    {
        if (_tagTokens.Count > _maxTagTokens)
        {
            // Bounded memory: entries linked to dropped tokens are still revalidated against Redis on every
            // read, so losing the eager eviction costs nothing in correctness.
            _tagTokens.Clear();
        }

        return _tagTokens.GetOrAdd(tag, static _ => new CancellationTokenSource()).Token;
    }

    private sealed record L1Key(string CacheName, string Key);
}

/// <summary>A value in L1 and the stamp of tag versions it was read under.</summary>
internal sealed record L1Entry(string Stamp, object? Value);
