using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tartware.Messaging.Outbox;

/// <summary>
/// Outbox metrics (meter <c>Tartware.Messaging</c>), exported as <c>outbox_queue_depth</c>,
/// <c>outbox_oldest_pending_seconds</c>, <c>outbox_publish_latency_seconds</c> (row created → broker ack)
/// and <c>outbox_publish_failures_total</c>, each tagged with the outbox table.
/// </summary>
internal sealed class OutboxMetrics
{
    private readonly ConcurrentDictionary<string, (long Depth, double Oldest)> _backlog = new(StringComparer.Ordinal);
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _published;
    private readonly Counter<long> _throttled;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MessagingMetrics.MeterName);
        meter.CreateObservableGauge("outbox.queue_depth", () => _backlog.Select(b => new Measurement<long>(b.Value.Depth, new KeyValuePair<string, object?>("outbox", b.Key))),
            "{message}", "Outbox rows not yet delivered (pending, failed, in progress).");
        meter.CreateObservableGauge("outbox.oldest_pending", () => _backlog.Select(b => new Measurement<double>(b.Value.Oldest, new KeyValuePair<string, object?>("outbox", b.Key))),
            "s", "Age of the oldest undelivered outbox row.");
        _latency = meter.CreateHistogram<double>("outbox.publish_latency", "s", "From the outbox row's commit to the broker's acknowledgement.");
        _failures = meter.CreateCounter<long>("outbox.publish_failures", "{message}", "Publish attempts that failed (retried with backoff, or parked as DLQ).");
        _published = meter.CreateCounter<long>("outbox.published", "{message}", "Outbox rows delivered to the broker.");
        _throttled = meter.CreateCounter<long>("outbox.throttle_waits", "{wait}", "Times a tenant was held back by the per-tenant throttle.");
    }

    public void Backlog(string table, long depth, double oldestSeconds) => _backlog[table] = (depth, oldestSeconds);

    public void Published(string table, double latencySeconds)
    {
        _latency.Record(latencySeconds, new KeyValuePair<string, object?>("outbox", table));
        _published.Add(1, new KeyValuePair<string, object?>("outbox", table));
    }

    public void ThrottleWaits(string table, int waits)
    {
        if (waits > 0)
        {
            _throttled.Add(waits, new KeyValuePair<string, object?>("outbox", table));
        }
    }

    public void Failed(string table) => _failures.Add(1, new KeyValuePair<string, object?>("outbox", table));
}
