using StackExchange.Redis;

namespace Tartware.ServiceDefaults.Redis;

/// <summary>
/// The platform's Redis access. Keys are prefixed per deployment; <c>KEYS</c> is disabled in the client
/// (it blocks the server for the whole keyspace), so pattern work goes through <c>SCAN</c>.
/// </summary>
public interface IRedisStore
{
    /// <summary>Database view whose keys are all under the configured prefix.</summary>
    IDatabase Database { get; }

    /// <summary>Deletes keys matching a glob pattern (relative to the prefix) by SCAN in pages; returns how many.</summary>
    Task<long> DeleteByPatternAsync(string pattern, CancellationToken cancellationToken = default);

    /// <summary>Round trip time of a PING.</summary>
    Task<TimeSpan> PingAsync();
}
