using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tartware.Bench.Reports;

/// <summary>
/// The JSON report. <see cref="CurrentSchema"/> changes only when a field changes meaning or goes away;
/// new optional fields keep the version (readers ignore what they do not know).
/// </summary>
internal sealed record BenchReport
{
    public const string CurrentSchema = "tartware-bench/1";

    public string Schema { get; init; } = CurrentSchema;

    public required string Scenario { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Command { get; init; }

    public required MachineInfo Machine { get; init; }

    public required GitInfo Git { get; init; }

    public required IReadOnlyDictionary<string, string> Postgres { get; init; }

    public PgbenchBaseline? Baseline { get; init; }

    public IReadOnlyList<PhaseReport> Phases { get; init; } = [];

    public ContentionReport? Contention { get; init; }

    /// <summary>Reservation scenarios: what happened behind the 202s (applied, end-to-end latency, backlog).</summary>
    public PipelineReport? Pipeline { get; init; }

    /// <summary>Top statements by total time from <c>pg_stat_statements</c> over the run, when the extension is loaded.</summary>
    public IReadOnlyList<StatementProfile>? Profile { get; init; }

    public IReadOnlyList<KillReport> Kills { get; init; } = [];

    public IReadOnlyList<InvariantReport> Invariants { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool Passed => Invariants.All(i => i.Passed);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary><see cref="LoadAverage"/> is /proc/loadavg at the start: on a shared machine it says how much of the cores the run had.</summary>
internal sealed record MachineInfo(int Cores, string CpuModel, long MemoryMb, string Os, string Runtime, string Note, string? LoadAverage = null);

internal sealed record GitInfo(string Revision, bool Dirty);

internal sealed record PgbenchBaseline(int Clients, int Seconds, int Scale, double Tps, double LatencyAverageMs, string Mode);

/// <summary>One load phase (a scenario has one; <c>max</c> has one per step).</summary>
internal sealed record PhaseReport
{
    public required string Name { get; init; }

    public required double TargetRate { get; init; }

    public required double DurationSeconds { get; init; }

    public required double WarmupSeconds { get; init; }

    public required int MaxInFlight { get; init; }

    public required long Scheduled { get; init; }

    public required long Measured { get; init; }

    public required long Ok { get; init; }

    public required long Expected { get; init; }

    public required long Errors { get; init; }

    public required long Overflow { get; init; }

    public required double Throughput { get; init; }

    /// <summary>Throughput over the pgbench TPC-B transactions/s of the same run, when a baseline ran.</summary>
    public double? FractionOfPgbench { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByKey { get; init; }

    public required IReadOnlyDictionary<string, long> ExpectedByKey { get; init; }

    public required LatencyReport Latency { get; init; }

    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    /// <summary>Set by <c>max</c>: whether this step held (p99 within the bound, no errors).</summary>
    public bool? Held { get; init; }
}

/// <summary>Latency in milliseconds, from the intended send time; buckets are the histogram's (index, count) pairs, mergeable.</summary>
internal sealed record LatencyReport(long Count, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, IReadOnlyList<long[]> Buckets);

internal sealed record TimelinePoint(int Second, bool Warmup, long Sent, long Ok, long Errors, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

internal sealed record ContentionReport(long Attempts, long Confirmed, long Rejected, long Errors, int NightsChecked, int RoomTypes, int CapacityPerNight);

/// <summary>
/// A fault: <c>kill</c> (ReadyAfterMs: until the restarted process was ready) or <c>broker-outage</c> (ReadyAfterMs: how long the broker
/// was stopped). RecoveryMs: to the first 2xx of the load after it; PipelineRecoveryMs: until commands move again (processor kill: the
/// first apply after it; dispatcher kill, broker outage: the first PUBLISHED of a command accepted after it); CaughtUpMs: until accept →
/// APPLIED latency was back under the run's bound.
/// </summary>
internal sealed record KillReport(string Role, double AtSeconds, double ReadyAfterMs, double? RecoveryMs, string Kind = "kill",
    double? PipelineRecoveryMs = null, double? CaughtUpMs = null);

/// <summary>
/// The reservation pipeline over a run. Accepted: 2xx commands; Applied/Rejected: their terminal outcomes as read back; AppliedPerSecond:
/// terminal outcomes per second over the measured window (by their apply time); EndToEnd: RECEIVED → APPLIED/REJECTED of the sampled
/// commands (lifecycle timestamps); DrainSeconds: after the load until every command was terminal and the outbox empty.
/// </summary>
internal sealed record PipelineReport(
    long Accepted, long Applied, long Rejected, double AppliedPerSecond, double AcceptedPerSecond, int LifecycleSampled, int LifecycleEvery,
    LatencyReport EndToEnd, double? DrainSeconds, double? CaughtUpBoundMs, IReadOnlyList<PipelineSecond> Timeline, IReadOnlyDictionary<string, long> RejectedByCode);

/// <summary>One second of the run: commands accepted and applied in it, e2e p99 of the sampled commands received in it, backlog sampled in it.</summary>
internal sealed record PipelineSecond(int Second, long Accepted, long Applied, double? EndToEndP99Ms, long? OutboxBacklog, long? ConsumerLag);

internal sealed record StatementProfile(long Calls, double TotalMs, double MeanMs, long Rows, string Query);

internal sealed record InvariantReport(string Name, bool Passed, string Detail);
