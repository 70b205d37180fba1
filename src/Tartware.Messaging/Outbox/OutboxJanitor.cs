using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Hosting;

namespace Tartware.Messaging.Outbox;

/// <summary>
/// Role <c>dispatcher</c>: deletes DELIVERED outbox rows older than <see cref="OutboxOptions.Retention"/>, a
/// batch at a time, so the outboxes do not grow without bound. Undelivered, failed and parked rows are never
/// touched; a delivered row is kept long enough for the stalled-command auditor and for inspection.
/// </summary>
internal sealed partial class OutboxJanitor(
    IUnitOfWorkFactory units, IEnumerable<OutboxSource> sources, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxJanitor> logger)
    : PeriodicWorker(time, logger)
{
    private const int Batch = 5_000;

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override async Task<bool> TickAsync(CancellationToken cancellationToken) => await PurgeOnceAsync(cancellationToken) == Batch;

    /// <summary>One batch per outbox; returns the most rows deleted from one of them.</summary>
    internal async Task<int> PurgeOnceAsync(CancellationToken ct)
    {
        var most = 0;
        foreach (var source in sources.DistinctBy(s => s.Table))
        {
            await using var unit = await units.BeginWithoutTenantAsync(ct);
            await unit.Sql("select set_config('app.worker', $1, true)").Bind(OutboxSource.Worker).ExecAsync(ct);
            var deleted = await unit.Sql($"""
                delete from {source.Table} where (tenant_id, id) in (
                    select tenant_id, id from {source.Table} where status = 'DELIVERED' and delivered_at < $1 limit $2)
                """).Bind(Time.GetUtcNow() - options.Value.Retention, Batch).ExecAsync(ct);
            await unit.CommitAsync(ct);
            if (deleted > 0)
            {
                LogPurged(source.Table, deleted);
            }

            most = Math.Max(most, deleted);
        }

        return most;
    }

    [LoggerMessage(EventId = 5602, Level = LogLevel.Information, Message = "Deleted {Count} delivered rows from {Table}")]
    private partial void LogPurged(string table, int count);
}
