using System.Threading.RateLimiting;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// The limiter of one partition (one caller under one policy), as ASP.NET Core's rate limiting middleware
/// sees it. The middleware calls <see cref="RateLimiter.AttemptAcquire(int)"/> first and, when that is not
/// acquired, <see cref="RateLimiter.AcquireAsync(int, CancellationToken)"/>
/// (<c>RateLimitingMiddleware.TryAcquireAsync</c>). A decision needs a Redis round trip, which must not
/// block a thread, so the synchronous attempt declines without debiting and the asynchronous one decides.
/// </summary>
internal sealed class RedisTokenBucketRateLimiter : RateLimiter
{
    private readonly RateLimitPartitionKey _key;
    private readonly IReadOnlyList<BucketSpec> _buckets;
    private readonly RateLimitDecider _decider;
    private readonly TimeProvider _time;
    private readonly int _maxCost;
    private long _lastActivity;
    private int _inFlight;
    private long _remaining;
    private long _successful;
    private long _failed;

    public RedisTokenBucketRateLimiter(RateLimitPartitionKey key, IReadOnlyList<BucketSpec> buckets, RateLimitDecider decider, TimeProvider time)
    {
        _key = key;
        _buckets = buckets;
        _decider = decider;
        _time = time;
        _maxCost = buckets.Min(b => b.Capacity);
        _remaining = _maxCost;
        _lastActivity = time.GetTimestamp();
    }

    /// <summary>
    /// Idle since the last decision; the middleware drops limiters idle for 10 s. Nothing is lost: the bucket
    /// state lives in Redis and a new limiter for the same caller reads it again.
    /// </summary>
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _inFlight) > 0 ? null : _time.GetElapsedTime(Volatile.Read(ref _lastActivity));

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = Volatile.Read(ref _remaining),
        CurrentQueuedCount = 0,
        TotalSuccessfulLeases = Volatile.Read(ref _successful),
        TotalFailedLeases = Volatile.Read(ref _failed),
    };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ValidateCost(permitCount);
        return BucketLease.Undecided;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ValidateCost(permitCount);
        Interlocked.Increment(ref _inFlight);
        try
        {
            var decision = await _decider.DecideAsync(_key, _buckets, permitCount, cancellationToken);
            Volatile.Write(ref _remaining, Math.Max(0, decision.Remaining));
            if (decision.Allowed)
            {
                Interlocked.Increment(ref _successful);
                return BucketLease.Acquired;
            }

            Interlocked.Increment(ref _failed);
            return BucketLease.Denied(_key.Policy, decision.RetryAfter);
        }
        finally
        {
            Volatile.Write(ref _lastActivity, _time.GetTimestamp());
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void ValidateCost(int permitCount)
    {
        // Same contract as the framework's limiters: a request larger than the smallest bucket can never pass.
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _maxCost);
    }
}

/// <summary>A decision as a lease. Denials carry the policy (for the 429 body) and <see cref="MetadataName.RetryAfter"/>.</summary>
internal sealed class BucketLease : RateLimitLease
{
    public static readonly BucketLease Acquired = new(true, null, null);

    /// <summary>The answer of the synchronous attempt: "ask asynchronously", never shown to a client.</summary>
    public static readonly BucketLease Undecided = new(false, null, null);

    private static readonly string[] RetryAfterOnly = [MetadataName.RetryAfter.Name];

    private BucketLease(bool acquired, string? policy, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        Policy = policy;
        RetryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public string? Policy { get; }

    public TimeSpan? RetryAfter { get; }

    public override IEnumerable<string> MetadataNames => RetryAfter is null ? [] : RetryAfterOnly;

    public static BucketLease Denied(string policy, TimeSpan retryAfter) => new(false, policy, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == MetadataName.RetryAfter.Name && RetryAfter is { } retryAfter)
        {
            metadata = retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
