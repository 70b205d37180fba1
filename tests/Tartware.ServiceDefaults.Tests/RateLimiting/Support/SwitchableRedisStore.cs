using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;
using Tartware.ServiceDefaults.Redis;
using Tartware.Testing;

namespace Tartware.ServiceDefaults.Tests.RateLimiting.Support;

/// <summary>An <see cref="IRedisStore"/> that answers from a dead server until <see cref="Live"/> is set.</summary>
internal sealed class SwitchableRedisStore : IRedisStore, IDisposable
{
    private readonly ConnectionMultiplexer _deadServer = ConnectionMultiplexer.Connect(RedisStore.CreateConfiguration(RateLimitTestHost.DeadRedis));
    private readonly ConnectionMultiplexer _liveServer = ConnectionMultiplexer.Connect(RedisStore.CreateConfiguration(TestSettings.RedisConfiguration));
    private readonly string _prefix;
    private volatile bool _live;

    public SwitchableRedisStore(string prefix) => _prefix = prefix;

    public bool Live
    {
        get => _live;
        set => _live = value;
    }

    public IDatabase LiveDatabase => _liveServer.GetDatabase().WithKeyPrefix(_prefix);

    public IDatabase Database => Live ? LiveDatabase : _deadServer.GetDatabase().WithKeyPrefix(_prefix);

    public Task<long> DeleteByPatternAsync(string pattern, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TimeSpan> PingAsync() => Database.PingAsync();

    public void Dispose()
    {
        _deadServer.Dispose();
        _liveServer.Dispose();
    }
}
