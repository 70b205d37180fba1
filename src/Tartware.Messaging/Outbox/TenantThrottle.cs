using System.Collections.Concurrent;

namespace Tartware.Messaging.Outbox;

/// <summary>
/// Per-tenant throttle of one dispatcher: a token bucket per tenant (rate <see cref="OutboxOptions.TenantRatePerSecond"/>,
/// burst <see cref="OutboxOptions.TenantBurst"/>). Claimed rows spend tokens, possibly into debt; a tenant in debt
/// is left out of the next claims until its debt is repaid plus a random jitter, so one tenant's flood cannot
/// fill every batch (and its partitions) while other tenants wait, and throttled tenants do not all return at once.
/// </summary>
internal sealed class TenantThrottle(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    /// <summary>Tenants to leave out of the next claim.</summary>
    public Guid[] Throttled()
    {
        var now = time.GetTimestamp();
        return [.. _buckets.Where(b => b.Value.BlockedUntil > now).Select(b => b.Key)];
    }

    /// <summary>Spends one token per claimed row; returns how many tenants became throttled.</summary>
    public int Spend(IEnumerable<Guid> tenantOfEachRow, double ratePerSecond, int burst, Func<double> random)
    {
        var throttled = 0;
        var now = time.GetTimestamp();
        foreach (var group in tenantOfEachRow.GroupBy(t => t))
        {
            var bucket = _buckets.GetOrAdd(group.Key, _ => new Bucket { Tokens = burst, At = now });
            lock (bucket)
            {
                var elapsed = time.GetElapsedTime(bucket.At, now).TotalSeconds;
                bucket.Tokens = Math.Min(burst, bucket.Tokens + elapsed * ratePerSecond) - group.Count();
                bucket.At = now;
                if (bucket.Tokens < 0)
                {
                    // Wait until the debt is repaid, plus up to 50 % jitter.
                    var wait = -bucket.Tokens / ratePerSecond * (1 + 0.5 * random());
                    bucket.BlockedUntil = now + (long)(wait * time.TimestampFrequency);
                    throttled++;
                }
            }
        }

        return throttled;
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long At { get; set; }

        public long BlockedUntil { get; set; }
    }
}
