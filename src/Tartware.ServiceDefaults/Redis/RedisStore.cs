using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Tartware.ServiceDefaults.Redis;

internal sealed class RedisStore : IRedisStore, IDisposable
{
    private const int ScanPageSize = 500;
    private readonly Lazy<ConnectionMultiplexer> _connection;
    private readonly string _prefix;

    public RedisStore(IOptions<RedisOptions> options)
    {
        _prefix = options.Value.KeyPrefix;
        var configuration = CreateConfiguration(options.Value.Configuration);
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration));
    }

    public IDatabase Database => _connection.Value.GetDatabase().WithKeyPrefix(_prefix);

    /// <summary>
    /// Client configuration shared by every connection: KEYS is unavailable in the command map, so no
    /// code path (ours or the library's) can send it; IServer.Keys then has to use SCAN.
    /// </summary>
    internal static ConfigurationOptions CreateConfiguration(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.CommandMap = CommandMap.Create(new HashSet<string> { "KEYS" }, available: false);
        options.ClientName ??= "tartware";
        return options;
    }

    public async Task<long> DeleteByPatternAsync(string pattern, CancellationToken cancellationToken = default)
    {
        var multiplexer = _connection.Value;
        var database = multiplexer.GetDatabase();
        long deleted = 0;
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (server.IsSlave || !server.IsConnected)
            {
                continue;
            }

            var batch = new List<RedisKey>(ScanPageSize);
            foreach (var key in server.Keys(database.Database, _prefix + pattern, ScanPageSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch.Add(key);
                if (batch.Count == ScanPageSize)
                {
                    deleted += await database.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                deleted += await database.KeyDeleteAsync([.. batch]);
            }
        }

        return deleted;
    }

    public Task<TimeSpan> PingAsync() => _connection.Value.GetDatabase().PingAsync();

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
