using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tartware.ServiceDefaults.Redis;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Bounds every cache/Bloom call to Redis with a short timeout and a circuit: after a failure Redis is
/// skipped for <see cref="CachingOptions.CircuitBreakDuration"/>, then the next call probes it again. One
/// per process, shared by the cache and the Bloom filters, so they agree on whether Redis is up.
/// </summary>
internal sealed partial class RedisGuard
{
    private readonly IRedisStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisGuard> _logger;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _breakDuration;
    private readonly Lock _connectLock = new();
    private Task<IDatabase>? _connecting;
    private long _openUntil;
    private int _open;

    public RedisGuard(IRedisStore store, IOptions<CachingOptions> options, TimeProvider time, ILogger<RedisGuard> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _timeout = options.Value.RedisTimeout;
        _breakDuration = options.Value.CircuitBreakDuration;
    }

    /// <summary>Connected and the circuit closed.</summary>
    /// <remarks>The connect task also succeeds when Redis is down (AbortOnConnectFail is off), hence IsConnected.</remarks>
    public bool IsAvailable =>
        Volatile.Read(ref _open) == 0 && Connection() is { IsCompletedSuccessfully: true } connection
        && connection.Result.Multiplexer.IsConnected;

    /// <summary>Runs <paramref name="operation"/> unless the circuit is open; false on failure, timeout or open circuit.</summary>
    public async Task<(bool Ok, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> operation, TimeSpan? timeout = null)
    {
        if (IsOpen())
        {
            return (false, default!);
        }

        var limit = timeout ?? _timeout;
        Task<T>? call = null;
        try
        {
            // The first calls wait for the connection within the same budget as the command itself.
            var database = await Connection().WaitAsync(limit);
            call = operation(database);
            var value = await call.WaitAsync(limit);
            Close();
            return (true, value);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A timed-out call keeps running in the multiplexer; observe its eventual fault.
            _ = call?.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            Trip(ex);
            return (false, default!);
        }
    }

    /// <summary>The database for long operations (Bloom builds) that must fail loudly instead of degrading.</summary>
    public Task<IDatabase> GetDatabaseAsync(TimeSpan timeout) => Connection().WaitAsync(timeout);

    /// <summary>PINGs Redis through the circuit.</summary>
    public async Task<bool> ProbeAsync() => (await TryAsync(db => db.PingAsync())).Ok;

    private bool IsOpen() =>
        Volatile.Read(ref _open) == 1 && _time.GetTimestamp() < Interlocked.Read(ref _openUntil);

    /// <summary>
    /// The first connection happens off the request path: with Redis down, StackExchange.Redis 1.2.6 blocks
    /// in Connect for the whole connect timeout (about 5 s), and until it returns callers use the source.
    /// </summary>
    private Task<IDatabase> Connection()
    {
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is { IsFaulted: false })
        {
            return connecting;
        }

        lock (_connectLock)
        {
            if (_connecting is null || (_connecting.IsFaulted && !IsOpen()))
            {
                var store = _store;
                _connecting = Task.Run(() => store.Database);
                _ = _connecting.ContinueWith(t => Trip(t.Exception!.InnerException!), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            return _connecting;
        }
    }

    private void Trip(Exception exception)
    {
        Interlocked.Exchange(ref _openUntil, _time.GetTimestamp() + (long)(_breakDuration.TotalSeconds * _time.TimestampFrequency));
        if (Interlocked.Exchange(ref _open, 1) == 0)
        {
            // The exception type only: StackExchange.Redis messages name the command and its keys.
            LogUnavailable(exception.GetType().Name, _breakDuration.TotalSeconds);
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _open, 0) == 1)
        {
            LogRecovered();
        }
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Warning, Message = "Redis unavailable for caching ({ExceptionType}); serving from the source and retrying in {BreakSeconds} s")]
    private partial void LogUnavailable(string exceptionType, double breakSeconds);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Redis available again for caching")]
    private partial void LogRecovered();
}
