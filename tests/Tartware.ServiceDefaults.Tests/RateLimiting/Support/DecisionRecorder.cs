using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.ServiceDefaults.Tests.RateLimiting.Support;

/// <summary>
/// Listens to <c>tartware.rate_limit.decisions</c> of one host only: meters from <c>IMeterFactory</c> carry
/// the factory as their scope, so hosts of tests running in parallel do not mix.
/// </summary>
internal sealed class DecisionRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _measurements = new();

    public DecisionRecorder(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RateLimitMetrics.MeterName
                && instrument.Name == RateLimitMetrics.DecisionsInstrument
                && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value?.ToString() ?? "";
            }

            for (var i = 0; i < value; i++)
            {
                _measurements.Enqueue(copy);
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> All => [.. _measurements];

    /// <summary>Decisions whose tags include every given pair.</summary>
    public int Count(params (string Key, string Value)[] tags) =>
        _measurements.Count(m => tags.All(t => m.TryGetValue(t.Key, out var v) && v == t.Value));

    public void Dispose() => _listener.Dispose();
}
