using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Redis;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// Decides one request against its buckets: in Redis when it answers within the configured timeout, else
/// in-process (<see cref="InProcessTokenBuckets"/>). After a failure only one request a second probes Redis
/// while the others use the fallback, so a hung Redis costs one timeout a second rather than one per request;
/// the first answer switches back to Redis by itself.
/// </summary>
internal sealed class RateLimitDecider : IDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    // In-process buckets outlive a recovery for a while: a flapping Redis must not hand out a fresh
    // in-process burst at every flap. After this long on Redis they are dropped.
    private static readonly TimeSpan FallbackRetention = TimeSpan.FromMinutes(5);

    private readonly IRedisStore _redis;
    private readonly InProcessTokenBuckets _fallback;
    private readonly RateLimitMetrics _metrics;
    private readonly RateLimitLog _log;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly int _replicaCount;
    private Task? _connect;
    private int _failing;
    private int _probing;
    private long _probeAt;
    private long _dropFallbackAt;

    public RateLimitDecider(IRedisStore redis, IOptions<RateLimitingOptions> options, RateLimitMetrics metrics, RateLimitLog log, TimeProvider time)
    {
        _redis = redis;
        _metrics = metrics;
        _log = log;
        _time = time;
        _timeout = TimeSpan.FromMilliseconds(options.Value.RedisTimeoutMilliseconds);
        _replicaCount = options.Value.FallbackReplicaCount;
        _fallback = new InProcessTokenBuckets(_replicaCount, time);
    }

    public async ValueTask<BucketDecision> DecideAsync(
        RateLimitPartitionKey key, IReadOnlyList<BucketSpec> buckets, int cost, CancellationToken cancellationToken)
    {
        var (decision, fallback) = ShouldAskRedis()
            ? await AskRedisAsync(buckets, cost, cancellationToken)
            : (_fallback.Decide(buckets, cost), true);
        var partition = decision.Allowed
            ? RateLimitPartitionKey.Describe(buckets)
            : RateLimitPartitionKey.KindName(buckets[Math.Max(0, decision.DeniedBy)].Kind);
        _metrics.Record(key.Policy, partition, fallback, decision.Allowed);
        if (!decision.Allowed)
        {
            _log.Denied(key, partition, decision.RetryAfter, fallback);
        }

        return decision;
    }

    /// <summary>Starts connecting in the background, so the first requests do not wait for it.</summary>
    public void StartConnecting() => _ = Connect();

    public void Dispose() => _fallback.Dispose();

    private async ValueTask<(BucketDecision Decision, bool Fallback)> AskRedisAsync(
        IReadOnlyList<BucketSpec> buckets, int cost, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        Task<BucketDecision>? pending = null;
        try
        {
            await Connect().WaitAsync(_timeout, _time, cancellationToken);
            pending = TokenBucketScript.EvaluateAsync(_redis.Database, buckets, cost);
            var remaining = _timeout - _time.GetElapsedTime(started);
            var decision = await pending.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), _time, cancellationToken);
            RedisAnswered();
            return (decision, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; if this was the probe, let the next request probe instead.
            Observe(pending);
            Volatile.Write(ref _probing, 0);
            throw;
        }
        catch (Exception exception)
        {
            // Any failure (connection, timeout, server error) decides in-process: never unlimited, never a 500.
            Observe(pending);
            RedisFailed(exception);
            return (_fallback.Decide(buckets, cost), true);
        }
    }

    /// <summary>
    /// The first use of the store connects synchronously (up to its connect timeout); that happens once, on a
    /// pool thread, so no request thread ever blocks on it.
    /// </summary>
    private Task Connect()
    {
        var connect = Volatile.Read(ref _connect);
        if (connect is null)
        {
            connect = Task.Run(() => _ = _redis.Database);
            connect = Interlocked.CompareExchange(ref _connect, connect, null) ?? connect;
        }

        return connect;
    }

    private bool ShouldAskRedis()
    {
        if (Volatile.Read(ref _failing) == 0)
        {
            return true;
        }

        return _time.GetTimestamp() >= Volatile.Read(ref _probeAt) && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
    }

    private void RedisAnswered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            Volatile.Write(ref _dropFallbackAt, After(FallbackRetention));
            _log.RedisRecovered();
        }
        else if (Volatile.Read(ref _dropFallbackAt) is var dropAt and not 0
            && _time.GetTimestamp() >= dropAt
            && Interlocked.CompareExchange(ref _dropFallbackAt, 0, dropAt) == dropAt)
        {
            _fallback.Clear();
        }

        Volatile.Write(ref _probing, 0);
    }

    private void RedisFailed(Exception exception)
    {
        Volatile.Write(ref _dropFallbackAt, 0);
        Volatile.Write(ref _probeAt, After(ProbeInterval));
        Volatile.Write(ref _failing, 1);
        Volatile.Write(ref _probing, 0);
        _log.RedisUnavailable(exception, _replicaCount);
    }

    private long After(TimeSpan delay) => _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);

    /// <summary>An abandoned call may still fail later; observe it so it is not an unobserved task exception.</summary>
    private static void Observe(Task? pending) =>
        pending?.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
