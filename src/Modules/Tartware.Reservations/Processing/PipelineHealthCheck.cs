using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Processing;

/// <summary>
/// <c>/health/reliability</c>, one check per command stream (<c>reservations</c>, <c>rooms</c>): consumer lag and seconds since the last applied
/// offset per partition (from the offset ledger, which the processor keeps with the broker's high
/// watermark), dead letters parked, and stalled lifecycles (commands not terminal after the stall
/// threshold). Thresholds are the outbox's (<c>Messaging:Reliability</c>): lag counts like backlog.
/// </summary>
internal sealed class PipelineHealthCheck(CommandStream stream, IUnitOfWorkFactory units, IOptions<ReliabilityOptions> limits, TimeProvider time)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = limits.Value;
        var now = time.GetUtcNow();
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        var partitions = await unit.Sql("""
            select partition, "offset", applied_at, coalesce(high_watermark, 0) from reservations.reservation_event_offsets
            where consumer_group = $1 and topic = $2 order by partition
            """).Bind(stream.ConsumerGroup, stream.CommandTopic).RowsAsync(r => (Partition: r.GetInt32(0), Offset: r.GetInt64(1),
                AppliedAt: r.GetFieldValue<DateTimeOffset>(2), High: r.GetInt64(3)), cancellationToken);
        await unit.Sql("select set_config('app.worker', $1, true)").Bind(stream.Actor).ExecAsync(cancellationToken);
        var dlq = await unit.Sql("select count(*) from reservations.dead_letters where status = 'PARKED' and topic = $1").Bind(stream.CommandTopic)
            .ScalarAsync<long>(cancellationToken);
        await unit.Sql("select set_config('app.worker', $1, true)").Bind(StalledCommandAuditor.Worker).ExecAsync(cancellationToken);
        var stalled = await unit.Sql("""
            select count(*) from reservations.commands where state in ('PERSISTED', 'PUBLISHED') and created_at < $1 and aggregate = $2
            """).Bind(now - limit.StalledAfter, stream.Aggregate).ScalarAsync<long>(cancellationToken);

        var degraded = new List<string>();
        var critical = new List<string>();
        var lagTotal = 0L;
        var perPartition = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var p in partitions)
        {
            var lag = Math.Max(0, p.High - 1 - p.Offset);
            lagTotal += lag;
            var idle = Math.Max(0, (now - p.AppliedAt).TotalSeconds);
            perPartition[p.Partition.ToString(CultureInfo.InvariantCulture)] = new { lag, secondsSinceLastApplied = Math.Round(idle) };
            if (lag > 0 && idle > limit.StalledAfter.TotalSeconds)
            {
                degraded.Add(string.Create(CultureInfo.InvariantCulture, $"partition {p.Partition} has {lag} waiting and applied nothing for {idle:0} s"));
            }
        }

        Classify("consumer lag", lagTotal, limit.BacklogDegraded, limit.BacklogCritical, degraded, critical);
        Classify("dead letters", dlq, limit.DlqDegraded, limit.DlqCritical, degraded, critical);
        if (stalled > 0)
        {
            degraded.Add(string.Create(CultureInfo.InvariantCulture, $"{stalled} commands accepted more than {limit.StalledAfter.TotalSeconds:0} s ago are not decided yet"));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["consumerLag"] = lagTotal,
            ["partitions"] = perPartition,
            ["deadLetters"] = dlq,
            ["stalledCommands"] = stalled,
        };
        return critical.Count > 0 ? HealthCheckResult.Unhealthy("critical: " + string.Join("; ", critical.Concat(degraded)), data: data)
            : degraded.Count > 0 ? HealthCheckResult.Degraded(string.Join("; ", degraded), data: data)
            : HealthCheckResult.Healthy($"{stream.Name} command pipeline flowing", data);
    }

    private static void Classify(string what, long value, int degradedAt, int criticalAt, List<string> degraded, List<string> critical)
    {
        if (value >= criticalAt)
        {
            critical.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {value} >= {criticalAt}"));
        }
        else if (value >= degradedAt)
        {
            degraded.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {value} >= {degradedAt}"));
        }
    }
}
