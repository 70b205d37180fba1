using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Messaging.Outbox;

/// <summary>Thresholds of <c>/health/reliability</c> (section <c>Messaging:Reliability</c>).</summary>
public sealed class ReliabilityOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Messaging:Reliability";

    /// <summary>Undelivered rows at which the outbox is degraded.</summary>
    public int BacklogDegraded { get; set; } = 100;

    /// <summary>Undelivered rows at which it is critical.</summary>
    public int BacklogCritical { get; set; } = 500;

    /// <summary>Age of the oldest undelivered row beyond which it is stalled (degraded).</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Rows parked as DLQ at which it is degraded.</summary>
    public int DlqDegraded { get; set; } = 10;

    /// <summary>Rows parked as DLQ at which it is critical.</summary>
    public int DlqCritical { get; set; } = 50;
}

/// <summary>
/// <c>/health/reliability</c>, check <c>outbox</c>: backlog, oldest undelivered age and DLQ depth of every
/// registered outbox, read from the tables (so any process answers, not only the dispatcher's). Critical is
/// reported as Unhealthy (503); consumer lag and stalled lifecycles join when the processor lands.
/// </summary>
internal sealed class ReliabilityHealthCheck(IUnitOfWorkFactory units, IEnumerable<OutboxSource> sources, IOptions<ReliabilityOptions> options, TimeProvider time)
    : IHealthCheck
{
    public const string Tag = "reliability";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var critical = new List<string>();
        var degraded = new List<string>();
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await unit.Sql("select set_config('app.worker', $1, true)").Bind(OutboxSource.Worker).ExecAsync(cancellationToken);
        foreach (var source in sources.DistinctBy(s => s.Table))
        {
            // Two queries on the partial indexes (undelivered, parked): delivered rows, the vast majority, are never read.
            var row = (await unit.Sql($"""
                select count(*), min(created_at) from {source.Table} where status in ('PENDING', 'FAILED', 'IN_PROGRESS')
                """).RowsAsync(r => (Backlog: r.GetInt64(0), Oldest: r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1)),
                cancellationToken))[0];
            var dlq = await unit.Sql($"select count(*) from {source.Table} where status = 'DLQ'").ScalarAsync<long>(cancellationToken);
            var age = row.Oldest is { } oldest ? time.GetUtcNow() - oldest : TimeSpan.Zero;
            data[source.Table] = new { backlog = row.Backlog, oldestSeconds = Math.Round(Math.Max(0, age.TotalSeconds)), dlq };
            Classify(source.Table, "backlog", row.Backlog, limits.BacklogDegraded, limits.BacklogCritical, degraded, critical);
            Classify(source.Table, "dlq", dlq, limits.DlqDegraded, limits.DlqCritical, degraded, critical);
            if (age > limits.StalledAfter)
            {
                degraded.Add(string.Create(CultureInfo.InvariantCulture, $"{source.Table} oldest undelivered row is {age.TotalSeconds:0} s old"));
            }
        }

        return critical.Count > 0 ? HealthCheckResult.Unhealthy("critical: " + string.Join("; ", critical.Concat(degraded)), data: data)
            : degraded.Count > 0 ? HealthCheckResult.Degraded(string.Join("; ", degraded), data: data)
            : HealthCheckResult.Healthy("outboxes flowing", data);
    }

    private static void Classify(string table, string what, long value, int degradedAt, int criticalAt, List<string> degraded, List<string> critical)
    {
        if (value >= criticalAt)
        {
            critical.Add(string.Create(CultureInfo.InvariantCulture, $"{table} {what} {value} >= {criticalAt}"));
        }
        else if (value >= degradedAt)
        {
            degraded.Add(string.Create(CultureInfo.InvariantCulture, $"{table} {what} {value} >= {degradedAt}"));
        }
    }
}
