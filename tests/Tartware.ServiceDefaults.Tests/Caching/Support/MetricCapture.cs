using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tartware.ServiceDefaults.Tests.Caching.Support;

/// <summary>Records the <c>Tartware.Caching</c> measurements of one host only (its meter factory is the meter's scope).</summary>
internal sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = new();

    public MetricCapture(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Tartware.Caching" && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of a counter's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value))
            .Sum(m => m.Value);

    /// <summary>Collects the observable gauges now and returns the last value seen for <paramref name="instrument"/>.</summary>
    public double? Observe(string instrument, string filter)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument && m.Tags.GetValueOrDefault("filter") == filter)
            .Select(m => (double?)m.Value).LastOrDefault();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
