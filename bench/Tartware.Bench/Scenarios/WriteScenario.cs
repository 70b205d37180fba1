using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// <c>write</c>: open-loop reservation creates (default 1,500/s for 70 s, 10 s warm-up: the target) across N properties,
/// arrivals over the next 330 days, stays of 1–7 nights. Reports the API accept latency (the load's histogram), accept → APPLIED
/// from the lifecycle timestamps, applied/s over the measured window and the backlog over time; then checks the pipeline invariants
/// (<see cref="PipelineCheck"/>). Faults (<c>--kill processor|dispatcher|api</c>, <c>--broker-outage</c>) run alongside.
/// </summary>
internal sealed class WriteScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan(1500, TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(10));
        var workload = new ReservationWorkload();
        await workload.SeedAsync(context, plan.Rate * plan.Duration.TotalSeconds, cancellationToken);
        await using var sampler = new BacklogSampler(context.ReliabilityProcess, context.Time);
        sampler.Start();
        var result = await context.RunPhaseAsync("write", plan, (i, ct) => workload.CreateAsync(context, i, partner: false, ct), cancellationToken);
        var window = new RunWindow(context.LastPhaseStart, context.LastPhaseStart + plan.Warmup, context.LastPhaseStart + plan.Duration);
        var check = await new PipelineCheck(context, workload, sampler).RunAsync(window, context.Faults.Kills, cancellationToken);
        return new ScenarioResult(
            [ReportMapping.Phase("write", result, plan.MaxInFlight, context.Baseline)],
            [BenchContext.NoServerErrors(result), .. check.Invariants],
            Notes: [.. check.Notes],
            Pipeline: check.Report);
    }
}
