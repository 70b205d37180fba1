namespace Tartware.Bench.Scenarios;

/// <summary>Everything the command line decides. Nullable load settings fall back to the scenario's defaults.</summary>
internal sealed record BenchOptions
{
    public required string Scenario { get; init; }

    public double? Rate { get; init; }

    public TimeSpan? Duration { get; init; }

    public TimeSpan? Warmup { get; init; }

    public TimeSpan Ramp { get; init; }

    public int MaxInFlight { get; init; } = 256;

    /// <summary>Role to SIGKILL on schedule: <c>api</c>, <c>guard</c>, <c>dispatcher</c> or <c>processor</c>.</summary>
    public string? Kill { get; init; }

    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Length of a dev-broker outage (SIGSTOP … SIGCONT) that starts <see cref="KillEvery"/> into the load.</summary>
    public TimeSpan? BrokerOutage { get; init; }

    /// <summary>Process id of the dev broker (scripts/bench.sh passes it); needed by <see cref="BrokerOutage"/>.</summary>
    public int? BrokerPid { get; init; }

    /// <summary>Reservation scenarios: properties to seed (each with four room types).</summary>
    public int Properties { get; init; } = 4;

    /// <summary>Reservation scenarios: read the lifecycle of every k-th create (null: as many as keep it near 10,000 reads).</summary>
    public int? LifecycleEvery { get; init; }

    /// <summary>Reservation scenarios: longest wait after the load for every command to become terminal and the outbox to drain.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary><c>max</c>: the workload stepped up, <c>write</c> (reservation creates) or <c>read</c>.</summary>
    public string MaxMix { get; init; } = "write";

    public required string Binary { get; init; }

    public int ApiPort { get; init; } = 38080;

    public required string OutputDirectory { get; init; }

    public required string Repo { get; init; }

    public string? PgBin { get; init; }

    public string PgbenchDatabase { get; init; } = "bench_pgbench";

    public string AppDatabase { get; init; } = "tartware";

    public int PgbenchSeconds { get; init; } = 15;

    public int? PgbenchClients { get; init; }

    /// <summary><c>max</c>: a step holds while p99 stays within this bound and nothing errs.</summary>
    public double P99BoundMs { get; init; } = 25;

    /// <summary><c>max</c>: seconds per step (the first fifth of each is warm-up).</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(8);

    public double StepFactor { get; init; } = 1.5;

    public int MaxSteps { get; init; } = 7;

    public required string CommandLine { get; init; }

    /// <summary>More <c>--set key=value</c> for every process the bench starts (not on the command line yet; for callers such as tests).</summary>
    public IReadOnlyList<string> ServeSettings { get; init; } = [];
}
