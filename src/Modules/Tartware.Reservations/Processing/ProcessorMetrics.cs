using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tartware.Reservations.Processing;

/// <summary>
/// Processor metrics (meter <c>Tartware.Reservations</c>): <c>reservation_event_retries_total</c>,
/// <c>reservation_event_dlq_total</c>, <c>reservation_event_outcomes_total{outcome}</c>,
/// <c>reservation_event_duration_seconds</c> and <c>reservation_consumer_lag{partition}</c>, each tagged
/// with its <c>stream</c> (reservations or rooms: both command streams share these instruments).
/// </summary>
internal sealed class ProcessorMetrics
{
    public const string MeterName = "Tartware.Reservations";

    private readonly ConcurrentDictionary<(string Stream, int Partition), long> _lag = new();
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
        meter.CreateObservableGauge("reservation_consumer.lag", () => _lag.Select(l => new Measurement<long>(l.Value,
                new KeyValuePair<string, object?>("stream", l.Key.Stream), new KeyValuePair<string, object?>("partition", l.Key.Partition))),
            "{message}", "Messages on the command topic not yet applied by this process, per assigned partition.");
        _stalled = meter.CreateCounter<long>("reservation_command.stalled_alerts", "{command}", "Stalled commands the auditor could not move by re-driving.");
        _redriven = meter.CreateCounter<long>("reservation_command.redriven", "{command}", "Stalled commands re-sent from the outbox by the auditor.");
    }

    public void Retry(string stream) => _retries.Add(1, Tag(stream));

    public void DeadLettered(string stream) => _dlq.Add(1, Tag(stream));

    public void Outcome(string stream, string outcome, double seconds)
    {
        _outcomes.Add(1, Tag(stream), new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(seconds, Tag(stream));
    }

    public void Lag(string stream, int partition, long lag) => _lag[(stream, partition)] = lag;

    public void Unassigned(string stream, int partition) => _lag.TryRemove((stream, partition), out _);

    public void StalledAlert() => _stalled.Add(1);

    public void Redriven() => _redriven.Add(1);

    private static KeyValuePair<string, object?> Tag(string stream) => new("stream", stream);
}
