namespace Tartware.Bench.Load;

/// <summary>Everything one open-loop run measured after its warm-up.</summary>
internal sealed class LoadResult
{
    public required double TargetRate { get; init; }

    public required TimeSpan Duration { get; init; }

    public required TimeSpan Warmup { get; init; }

    public required long Scheduled { get; init; }

    public required long Measured { get; init; }

    public required long Ok { get; init; }

    public required long Expected { get; init; }

    public required long Errors { get; init; }

    /// <summary>Sends refused because the in-flight bound was reached (also counted in <see cref="Errors"/>).</summary>
    public required long Overflow { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByKey { get; init; }

    public required IReadOnlyDictionary<string, long> ExpectedByKey { get; init; }

    /// <summary>Latency of every measured request that got an answer (ok and expected), from its intended send time.</summary>
    public required LatencyHistogram Latency { get; init; }

    /// <summary>One entry per second of intended send time, warm-up included (flagged), for plots.</summary>
    public required IReadOnlyList<TimelineSecond> Timeline { get; init; }

    public double MeasuredSeconds => Math.Max(1e-9, (Duration - Warmup).TotalSeconds);

    /// <summary>Answered requests (ok + expected) per second of measured time.</summary>
    public double Throughput => (Ok + Expected) / MeasuredSeconds;
}

internal sealed record TimelineSecond(int Second, bool Warmup, long Sent, long Ok, long Errors, LatencyHistogram Latency);
