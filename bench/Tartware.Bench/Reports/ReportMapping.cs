using Tartware.Bench.Load;

namespace Tartware.Bench.Reports;

/// <summary>From measurements to report records (microseconds become milliseconds here, once).</summary>
internal static class ReportMapping
{
    public static LatencyReport Latency(LatencyHistogram h, bool withBuckets = true) => new(
        h.Count, Ms(h.Count == 0 ? 0 : h.Min), Math.Round(h.Mean / 1000.0, 3), Ms(h.ValueAt(50)), Ms(h.ValueAt(90)), Ms(h.ValueAt(99)),
        Ms(h.ValueAt(99.9)), Ms(h.Max), withBuckets ? h.NonEmptyBuckets() : []);

    public static PhaseReport Phase(string name, LoadResult r, int maxInFlight, PgbenchBaseline? baseline, bool? held = null) => new()
    {
        Name = name,
        TargetRate = r.TargetRate,
        DurationSeconds = r.Duration.TotalSeconds,
        WarmupSeconds = r.Warmup.TotalSeconds,
        MaxInFlight = maxInFlight,
        Scheduled = r.Scheduled,
        Measured = r.Measured,
        Ok = r.Ok,
        Expected = r.Expected,
        Errors = r.Errors,
        Overflow = r.Overflow,
        Throughput = Math.Round(r.Throughput, 1),
        FractionOfPgbench = baseline is { Tps: > 0 } ? Math.Round(r.Throughput / baseline.Tps, 3) : null,
        ErrorsByKey = r.ErrorsByKey,
        ExpectedByKey = r.ExpectedByKey,
        Latency = Latency(r.Latency),
        Timeline = [.. r.Timeline.Select(t => new TimelinePoint(t.Second, t.Warmup, t.Sent, t.Ok, t.Errors,
            Ms(t.Latency.ValueAt(50)), Ms(t.Latency.ValueAt(90)), Ms(t.Latency.ValueAt(99)), Ms(t.Latency.Max)))],
        Held = held,
    };

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
