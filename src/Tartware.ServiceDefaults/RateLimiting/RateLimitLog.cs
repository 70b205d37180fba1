using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// The limiter's log lines. Denials are logged with ids only (never usernames, emails or addresses) and are
/// themselves rate limited: a flood of 429s must not become a flood of log lines. The Redis warning appears
/// at most once a minute while the fallback decides.
/// </summary>
internal sealed partial class RateLimitLog(ILogger<RateLimitLog> logger, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    // 20 lines at once, then 2 a second: enough to see who is limited, bounded under attack.
    private readonly TokenBucketRateLimiter _denialLines = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 20,
        TokensPerPeriod = 2,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        AutoReplenishment = false,
        QueueLimit = 0,
    });

    private readonly Lock _warningGate = new();
    private long _suppressedDenials;
    private DateTimeOffset _nextWarning = DateTimeOffset.MinValue;

    public void Denied(RateLimitPartitionKey key, string partition, TimeSpan retryAfter, bool fallback)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        _denialLines.TryReplenish();
        using var lease = _denialLines.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            Interlocked.Increment(ref _suppressedDenials);
            return;
        }

        LogDenied(
            logger, key.Policy, key.UserId ?? "anonymous", key.TenantId ?? "none", partition,
            (long)Math.Ceiling(retryAfter.TotalMilliseconds), fallback, Interlocked.Exchange(ref _suppressedDenials, 0));
    }

    public void RedisUnavailable(Exception exception, int replicaCount)
    {
        lock (_warningGate)
        {
            var now = time.GetUtcNow();
            if (now < _nextWarning)
            {
                return;
            }

            _nextWarning = now + WarningInterval;
        }

        LogRedisUnavailable(logger, exception, exception.GetType().Name, replicaCount);
    }

    public void RedisRecovered()
    {
        lock (_warningGate)
        {
            _nextWarning = DateTimeOffset.MinValue;
        }

        LogRedisRecovered(logger);
    }

    public void Dispose() => _denialLines.Dispose();

    [LoggerMessage(EventId = 5400, Level = LogLevel.Information,
        Message = "Rate limit policy {Policy} denied a request of user {UserId} in tenant {TenantId} " +
            "({Partition} bucket, retry after {RetryAfterMs} ms, fallback {Fallback}; {SuppressedDenials} denial lines suppressed before this one)")]
    private static partial void LogDenied(
        ILogger logger, string policy, string userId, string tenantId, string partition, long retryAfterMs, bool fallback, long suppressedDenials);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning,
        Message = "Redis did not answer a rate limit decision ({ErrorType}); deciding in-process at the limits divided by " +
            "{ReplicaCount} replicas until it does (this warning repeats at most once a minute)")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception, string errorType, int replicaCount);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information,
        Message = "Redis answers rate limit decisions again; deciding there from now on")]
    private static partial void LogRedisRecovered(ILogger logger);
}
