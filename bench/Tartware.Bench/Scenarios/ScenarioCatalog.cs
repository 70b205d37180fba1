namespace Tartware.Bench.Scenarios;

/// <summary>Every scenario the issue names, and the roles <c>--kill</c> accepts (each runs as its own process).</summary>
internal static class ScenarioCatalog
{
    public static readonly string[] Names = ["read", "contention", "holds", "max", "write", "mixed"];

    /// <summary>Roles the platform runs as separate processes, and the ones <c>--kill</c> accepts.</summary>
    public static readonly string[] KillableRoles = ["api", "guard", "dispatcher", "processor"];

    /// <summary>Whether the scenario crosses the broker (reservation commands), so dispatcher and processor must run.</summary>
    public static bool UsesPipeline(BenchOptions options) => options.Scenario is "write" or "mixed" || (options.Scenario == "max" && options.MaxMix != "read");

    public static IScenario? Create(string name) => name switch
    {
        "read" => new ReadScenario(),
        "contention" => new ContentionScenario(),
        "holds" => new HoldsScenario(),
        "max" => new MaxScenario(),
        "write" => new WriteScenario(),
        "mixed" => new MixedScenario(),
        _ => null,
    };
}
