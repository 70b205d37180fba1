using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tartware.Reservations.Processing;

/// <summary>
/// Processor metrics (meter <c>Tartware.Reservations</c>): <c>reservation_event_retries_total</c>,
/// <c>reservation_event_dlq_total</c>, <c>reservation_event_outcomes_total{outcome}</c>,
/// <c>reservation_event_duration_seconds</c> and <c>reservation_consumer_lag{partition}</c>.
/// </summary>
internal sealed class ProcessorMetrics
{
    public const string MeterName = "Tartware.Reservations";

    private readonly ConcurrentDictionary<int, long> _lag = new();
    private readonly Counter<long> _retries;
    private readonly Counter<long> _dlq;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _stalled;
    private readonly Counter<long> _redriven;

    public ProcessorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _retries = meter.CreateCounter<long>("reservation_event.retries", "{attempt}", "Failed attempts of a command that were retried.");
        _dlq = meter.CreateCounter<long>("reservation_event.dlq", "{message}", "Commands dead-lettered after their retries.");
        _outcomes = meter.CreateCounter<long>("reservation_event.outcomes", "{message}", "Commands handled, by outcome (applied, rejected, duplicate, dlq).");
        _duration = meter.CreateHistogram<double>("reservation_event.duration", "s", "Time to apply one command, retries included.");
        meter.CreateObservableGauge("reservation_consumer.lag", () => _lag.Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("partition", l.Key))),
            "{message}", "Messages on the command topic not yet applied by this process, per assigned partition.");
        _stalled = meter.CreateCounter<long>("reservation_command.stalled_alerts", "{command}", "Stalled commands the auditor could not move by re-driving.");
        _redriven = meter.CreateCounter<long>("reservation_command.redriven", "{command}", "Stalled commands re-sent from the outbox by the auditor.");
    }

    public void Retry() => _retries.Add(1);

    public void DeadLettered() => _dlq.Add(1);

    public void Outcome(string outcome, double seconds)
    {
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(seconds);
    }

    public void Lag(int partition, long lag) => _lag[partition] = lag;

    public void Unassigned(int partition) => _lag.TryRemove(partition, out _);

    public void StalledAlert() => _stalled.Add(1);

    public void Redriven() => _redriven.Add(1);
}
