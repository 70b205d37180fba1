using System.Diagnostics.Metrics;

namespace Tartware.Availability;

/// <summary>Meter <c>Tartware.Availability</c>: claims and conflicts by kind, ends by cause, sweeper lag, drift found.</summary>
internal sealed class AvailabilityMetrics
{
    public const string MeterName = "Tartware.Availability";
    private readonly Counter<long> _claims;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _drift;
    private long _sweeperLagMs;
    private long _holdsWaiting;

    public AvailabilityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _claims = meter.CreateCounter<long>("tartware.availability.claims", "{claim}", "Lock requests by kind and result (ok, forced, conflict).");
        _ended = meter.CreateCounter<long>("tartware.availability.locks_ended", "{lock}", "Locks ended by kind and cause (RELEASED, EXPIRED, MANUAL_RELEASE).");
        _drift = meter.CreateCounter<long>("tartware.availability.ledger_drift", "{night}", "Ledger nights found out of line with the active locks by a rebuild.");
        meter.CreateObservableGauge("tartware.availability.sweeper_lag_seconds", () => Interlocked.Read(ref _sweeperLagMs) / 1000.0, "s",
            "Age of the oldest hold past its TTL at the last sweep (0 when none was waiting).");
        meter.CreateObservableGauge("tartware.availability.holds_active", () => Interlocked.Read(ref _holdsWaiting), "{lock}",
            "Holds waiting for their TTL, across tenants, at the last sweep.");
    }

    public void Claim(string kind, string result) => _claims.Add(1, new("kind", kind), new("result", result));

    public void Ended(string kind, string cause) => _ended.Add(1, new("kind", kind), new("cause", cause));

    public void Drift(long nights) => _drift.Add(nights);

    public void Swept(TimeSpan lag, long holdsWaiting)
    {
        Interlocked.Exchange(ref _sweeperLagMs, (long)lag.TotalMilliseconds);
        Interlocked.Exchange(ref _holdsWaiting, holdsWaiting);
    }
}
