namespace Tartware.Bench.Load;

/// <summary>
/// One open-loop run: arrivals at <see cref="Rate"/> per second for <see cref="Duration"/> (ramping up
/// over <see cref="Ramp"/>), the first <see cref="Warmup"/> discarded, at most <see cref="MaxInFlight"/>
/// requests outstanding.
/// </summary>
internal sealed record LoadPlan(double Rate, TimeSpan Duration, TimeSpan Warmup, TimeSpan Ramp, int MaxInFlight)
{
    public OpenLoopSchedule Schedule() => new(Rate, Duration, Ramp);
}

/// <summary>Live counters for the progress display.</summary>
internal sealed record LoadSnapshot(TimeSpan Elapsed, long Sent, long Ok, long Expected, long Errors, int InFlight, long P99Micros);
