using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.Identity.Users;
using Tartware.ServiceDefaults.Hosting;

namespace Tartware.Identity.Maintenance;

/// <summary>Schedule of the username filter maintenance (section <c>Identity:UsernameFilter</c>).</summary>
internal sealed class UsernameFilterJobOptions
{
    public const string Section = "Identity:UsernameFilter";

    /// <summary>Full rebuild interval; the process also rebuilds once when it starts (a deploy runs after migrations).</summary>
    public TimeSpan RebuildInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often users created lately are re-added (repairs adds lost while Redis was away).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back each sync looks beyond the previous one (clock skew between processes, slow commits).</summary>
    public TimeSpan SyncOverlap { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Role <c>jobs</c> (plan item 5): rebuilds the username Bloom filter under a new version and swaps
/// it in at start and every <see cref="UsernameFilterJobOptions.RebuildInterval"/>, and re-adds recently
/// created users every <see cref="UsernameFilterJobOptions.SyncInterval"/>. Failures are logged and
/// counted and the loop carries on; readiness reports a missing or stale filter (check <c>bloom:usernames</c>).
/// </summary>
internal sealed partial class UsernameFilterJob(
    UsernameFilter filter, IOptions<UsernameFilterJobOptions> options, TimeProvider time, IMeterFactory meters, ILogger<UsernameFilterJob> logger)
    : PeriodicWorker(time, logger)
{
    private readonly Counter<long> _runs = meters.Create("Tartware.Identity")
        .CreateCounter<long>("tartware.identity.username_filter.runs", "{run}", "Username filter maintenance runs by kind (rebuild, sync) and result.");

    private DateTimeOffset _lastRebuild = DateTimeOffset.MinValue;
    private DateTimeOffset? _lastSync;

    protected override TimeSpan Interval => options.Value.SyncInterval;

    protected override async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        _lastSync ??= now;
        if (now - _lastRebuild >= settings.RebuildInterval)
        {
            if (await RunAsync("rebuild", async () => LogRebuilt((await filter.RebuildAsync(cancellationToken)).ItemCount), cancellationToken))
            {
                _lastRebuild = now;
                _lastSync = now;
            }
        }
        else if (await RunAsync("sync", async () => await filter.SyncCreatedSinceAsync(_lastSync.Value - settings.SyncOverlap, cancellationToken), cancellationToken))
        {
            _lastSync = now;
        }

        return false;
    }

    private async Task<bool> RunAsync(string kind, Func<Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work();
            _runs.Add(1, new("kind", kind), new("result", "ok"));
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            // Redis or PostgreSQL away: lookups skip the layer meanwhile; try again on the next tick.
            _runs.Add(1, new("kind", kind), new("result", "error"));
            LogFailed(kind, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Username filter rebuilt with {Items} items")]
    private partial void LogRebuilt(long items);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Username filter {Kind} failed ({ExceptionType}: {Reason}); retrying on the next tick")]
    private partial void LogFailed(string kind, string exceptionType, string reason);
}
