namespace Tartware.Bench.Scenarios;

/// <summary>
/// Every scenario the issue names. <c>write</c> and <c>mixed</c> are listed so the command line is
/// already the final one; they refuse until the reservation pipeline (issue 6) exists, and then get a
/// class here like the others.
/// </summary>
internal static class ScenarioCatalog
{
    public const string NeedsPipeline = "needs the reservation pipeline (issue 6): there is no POST /v1/reservations yet. Run `holds` for the write path that exists today.";

    public static readonly string[] Names = ["read", "contention", "holds", "max", "write", "mixed"];

    /// <summary>Roles the platform runs as separate processes, and the ones <c>--kill</c> accepts.</summary>
    public static readonly string[] KillableRoles = ["api"];

    /// <summary>Roles <c>--kill</c> will accept once issue 6 adds their processes.</summary>
    public static readonly string[] PlannedKillableRoles = ["processor", "dispatcher"];

    public static IScenario? Create(string name) => name switch
    {
        "read" => new ReadScenario(),
        "contention" => new ContentionScenario(),
        "holds" => new HoldsScenario(),
        "max" => new MaxScenario(),
        _ => null,
    };
}
