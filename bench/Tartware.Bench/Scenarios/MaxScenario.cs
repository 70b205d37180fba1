using System.Globalization;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// <c>max</c>: the read mix in steps of rising rate (×<see cref="BenchOptions.StepFactor"/>) until p99
/// passes <see cref="BenchOptions.P99BoundMs"/> or anything errs; reports the highest rate that held.
/// The write mix takes over as the workload once the reservation pipeline exists.
/// </summary>
internal sealed class MaxScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var workload = new ReadWorkload();
        await workload.SeedAsync(context, cancellationToken);
        var rate = options.Rate ?? 100;
        // A fresh process JITs and fills its pools during the first seconds; without this the first
        // step measures start-up, not the rate. Not reported.
        await context.RunPhaseAsync("warm-up", new Load.LoadPlan(rate, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.Zero, options.MaxInFlight),
            (i, ct) => workload.SendAsync(context, i, ct), cancellationToken);
        var phases = new List<PhaseReport>();
        double? best = null;
        for (var step = 1; step <= options.MaxSteps; step++)
        {
            var plan = new Load.LoadPlan(rate, options.StepDuration, options.StepDuration / 5, TimeSpan.Zero, options.MaxInFlight);
            var result = await context.RunPhaseAsync($"step{step}", plan, (i, ct) => workload.SendAsync(context, i, ct), cancellationToken);
            var held = result.Errors == 0 && result.Latency.ValueAt(99) / 1000.0 <= options.P99BoundMs;
            phases.Add(ReportMapping.Phase(string.Create(CultureInfo.InvariantCulture, $"step{step}"), result, plan.MaxInFlight, context.Baseline, held));
            if (!held)
            {
                break;
            }

            best = rate;
            rate = Math.Round(rate * options.StepFactor);
        }

        var note = best is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"Highest rate held: {b:G4}/s (p99 ≤ {options.P99BoundMs} ms, no errors).")
            : string.Create(CultureInfo.InvariantCulture, $"No step held: p99 above {options.P99BoundMs} ms or errors from the first step.");
        if (phases.Count > 0 && phases[^1].Held == true)
        {
            note += " Every step held: raise --max-steps or --rate to find the limit.";
        }

        return new ScenarioResult(phases, [await context.VerifyLedgerAsync(workload.Tenant.TenantId, cancellationToken)], Notes: [note]);
    }
}
