using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>What a scenario hands back for the report.</summary>
internal sealed record ScenarioResult(
    IReadOnlyList<PhaseReport> Phases, IReadOnlyList<InvariantReport> Invariants, ContentionReport? Contention = null, IReadOnlyList<string>? Notes = null,
    PipelineReport? Pipeline = null);

/// <summary>A scenario: seeds its own tenant, runs its phases, checks its invariants.</summary>
internal interface IScenario
{
    Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
