namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Whether the shared Redis cache layer is usable. When it is not, requests are served from the source of
/// truth: readiness should report "Degraded", not "Unhealthy".
/// </summary>
public interface ICacheHealth
{
    /// <summary>False while the circuit is open (a recent Redis call failed or timed out) or the first connection is still being made.</summary>
    bool RedisAvailable { get; }

    /// <summary>Invalidations that could not reach Redis and wait to be replayed.</summary>
    int PendingInvalidations { get; }

    /// <summary>
    /// Pings Redis through the circuit (so an idle process notices recovery) and replays pending invalidations;
    /// returns <see cref="RedisAvailable"/> afterwards.
    /// </summary>
    Task<bool> ProbeAsync(CancellationToken cancellationToken = default);
}
