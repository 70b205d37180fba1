using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// One named policy for the middleware: partitions a request by caller (user and tenant from the token, or
/// the client address) and hands it to that caller's <see cref="RedisTokenBucketRateLimiter"/>.
/// </summary>
internal sealed class TartwareRateLimiterPolicy : IRateLimiterPolicy<RateLimitPartitionKey>
{
    private readonly string _name;
    private readonly RateLimitPolicyOptions _options;
    private readonly Func<RateLimitPartitionKey, RateLimiter> _createLimiter;

    public TartwareRateLimiterPolicy(string name, RateLimitPolicyOptions options, RateLimitDecider decider, TimeProvider time)
    {
        _name = name;
        _options = options;
        _createLimiter = key => new RedisTokenBucketRateLimiter(key, key.Buckets(options), decider, time);
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RateLimitRejection.WriteAsync;

    public RateLimitPartition<RateLimitPartitionKey> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(RateLimitPartitionKey.Resolve(_name, _options, httpContext), _createLimiter);
}
