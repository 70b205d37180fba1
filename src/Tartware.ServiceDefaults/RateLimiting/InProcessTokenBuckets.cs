using System.Threading.RateLimiting;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// The decision while Redis is unreachable: one <see cref="TokenBucketRateLimiter"/> per bucket key in this
/// process, at the configured limits divided by the assumed replica count, so an outage degrades to
/// per-process limits and never to "unlimited". Full buckets are dropped, so memory tracks active callers.
/// </summary>
internal sealed class InProcessTokenBuckets(int replicaCount, TimeProvider time, TimeSpan? sweepInterval = null) : IDisposable
{
    private readonly TimeSpan _sweepInterval = sweepInterval ?? TimeSpan.FromSeconds(30);

    // One lock for all buckets: a decision checks every bucket before debiting any, which must be atomic.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);
    private long _lastSweep = time.GetTimestamp();

    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    public BucketDecision Decide(IReadOnlyList<BucketSpec> buckets, int cost)
    {
        lock (_gate)
        {
            SweepIfDue();
            var limiters = new TokenBucketRateLimiter[buckets.Count];
            var allowed = true;
            var retryAfter = TimeSpan.Zero;
            var deniedBy = -1;
            long remaining = long.MaxValue;
            for (var i = 0; i < buckets.Count; i++)
            {
                limiters[i] = GetOrCreate(buckets[i]);
                limiters[i].TryReplenish();
                var available = limiters[i].GetStatistics()!.CurrentAvailablePermits;
                remaining = Math.Min(remaining, available);
                if (available < Math.Max(cost, 1))
                {
                    allowed = false;
                    // Tokens arrive at PermitsPerMinute / replicas; the statistics round down, so this errs long.
                    var wait = TimeSpan.FromMinutes((double)(Math.Max(cost, 1) - available) * replicaCount / buckets[i].PermitsPerMinute);
                    if (wait >= retryAfter)
                    {
                        retryAfter = wait;
                        deniedBy = i;
                    }
                }
            }

            if (allowed && cost > 0)
            {
                foreach (var limiter in limiters)
                {
                    using var lease = limiter.AttemptAcquire(cost);
                }

                remaining -= cost;
            }

            return new BucketDecision(allowed, remaining, retryAfter, deniedBy);
        }
    }

    /// <summary>Forgets every bucket: once Redis answers again it is the only source of truth.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            DisposeAll();
        }
    }

    public void Dispose() => Clear();

    private TokenBucketRateLimiter GetOrCreate(BucketSpec spec)
    {
        if (!_buckets.TryGetValue(spec.Key, out var limiter))
        {
            // Manual replenishment refills by elapsed time (fractional tokens): no timer per bucket.
            limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, spec.Capacity / replicaCount),
                TokensPerPeriod = spec.PermitsPerMinute,
                ReplenishmentPeriod = TimeSpan.FromMinutes(replicaCount),
                AutoReplenishment = false,
                QueueLimit = 0,
            });
            _buckets[spec.Key] = limiter;
        }

        return limiter;
    }

    private void SweepIfDue()
    {
        if (time.GetElapsedTime(_lastSweep) < _sweepInterval)
        {
            return;
        }

        _lastSweep = time.GetTimestamp();
        foreach (var (key, limiter) in _buckets.ToList())
        {
            limiter.TryReplenish();
            // IdleDuration is set only while the bucket is full, i.e. indistinguishable from a new one.
            if (limiter.IdleDuration is not null)
            {
                limiter.Dispose();
                _buckets.Remove(key);
            }
        }
    }

    private void DisposeAll()
    {
        foreach (var limiter in _buckets.Values)
        {
            limiter.Dispose();
        }

        _buckets.Clear();
    }
}
