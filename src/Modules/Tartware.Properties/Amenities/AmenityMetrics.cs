using System.Diagnostics.Metrics;

namespace Tartware.Properties.Amenities;

/// <summary>
/// Instruments on meter <c>Tartware.Properties</c> (exported at /metrics by the <c>Tartware*</c> rule).
/// Tags are low-cardinality: a result, kind or action name, never a tenant, property or code.
/// </summary>
internal sealed class AmenityMetrics
{
    public const string MeterName = "Tartware.Properties";

    private readonly Counter<long> _normalized;
    private readonly Counter<long> _driftDetected;
    private readonly Counter<long> _driftReconciled;

    public AmenityMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _normalized = meter.CreateCounter<long>("tartware.amenities.normalized", "{amenity}", "Amenity spellings normalized, by result (mapped, rejected).");
        _driftDetected = meter.CreateCounter<long>("tartware.amenities.drift.detected", "{amenity}", "Room-type amenities found drifting from the catalog, by kind.");
        _driftReconciled = meter.CreateCounter<long>("tartware.amenities.drift.reconciled", "{amenity}", "Drifting amenities repaired, by action (mapped, removed).");
    }

    public void Normalized(NormalizationReport report)
    {
        Add(_normalized, report.Mapped.Count, "result", "mapped");
        Add(_normalized, report.Rejected.Count, "result", "rejected");
    }

    public void DriftDetected(IReadOnlyDictionary<string, int> byKind)
    {
        foreach (var (kind, count) in byKind)
        {
            Add(_driftDetected, count, "kind", kind.ToLowerInvariant());
        }
    }

    public void Reconciled(int mapped, int removed)
    {
        Add(_driftReconciled, mapped, "action", "mapped");
        Add(_driftReconciled, removed, "action", "removed");
    }

    private static void Add(Counter<long> counter, int value, string tag, string tagValue)
    {
        if (value > 0)
        {
            counter.Add(value, new KeyValuePair<string, object?>(tag, tagValue));
        }
    }
}
