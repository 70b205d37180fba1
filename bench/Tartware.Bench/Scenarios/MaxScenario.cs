using System.Globalization;
using Tartware.Bench.Load;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// <c>max</c>: a workload in steps of rising rate (×<see cref="BenchOptions.StepFactor"/>) until p99 passes
/// <see cref="BenchOptions.P99BoundMs"/> or anything errs; reports the highest rate that held. <c>--mix write</c> (the default)
/// steps reservation creates and bounds the API accept p99, then checks the pipeline as <c>write</c> does, with accept → APPLIED
/// over all steps; <c>--mix read</c> steps the read mix.
/// </summary>
internal sealed class MaxScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var rate = options.Rate ?? 100;
        var write = options.MaxMix != "read";
        ReadWorkload? reads = null;
        ReservationWorkload? creates = null;
        if (write)
        {
            // Room for every step at its rate, as if all held.
            var expected = Enumerable.Range(0, options.MaxSteps + 1).Sum(s => rate * Math.Pow(options.StepFactor, s) * options.StepDuration.TotalSeconds);
            creates = new ReservationWorkload();
            await creates.SeedAsync(context, expected, cancellationToken);
        }
        else
        {
            reads = new ReadWorkload();
            await reads.SeedAsync(context, cancellationToken);
        }

        Task<Outcome> Send(long i, CancellationToken ct) => write ? creates!.CreateAsync(context, i, partner: false, ct) : reads!.SendAsync(context, i, ct);

        await using var sampler = write ? new BacklogSampler(context.ReliabilityProcess, context.Time) : null;
        sampler?.Start();
        // A fresh process JITs and fills its pools during the first seconds; without this the first
        // step measures start-up, not the rate. Not reported.
        await context.RunPhaseAsync("warm-up", new LoadPlan(rate, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.Zero, options.MaxInFlight), Send, cancellationToken);
        var start = context.Time.GetUtcNow();
        var phases = new List<PhaseReport>();
        double? best = null;
        for (var step = 1; step <= options.MaxSteps; step++)
        {
            var plan = new LoadPlan(rate, options.StepDuration, options.StepDuration / 5, TimeSpan.Zero, options.MaxInFlight);
            var result = await context.RunPhaseAsync($"step{step}", plan, Send, cancellationToken);
            var held = result.Errors == 0 && result.Latency.ValueAt(99) / 1000.0 <= options.P99BoundMs;
            phases.Add(ReportMapping.Phase(string.Create(CultureInfo.InvariantCulture, $"step{step}"), result, plan.MaxInFlight, context.Baseline, held));
            if (!held)
            {
                break;
            }

            best = rate;
            rate = Math.Round(rate * options.StepFactor);
        }

        var end = context.Time.GetUtcNow();
        var what = write ? "API accept p99 of reservation creates" : "p99 of the read mix";
        var note = best is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"Highest rate held: {b:G4}/s ({what} ≤ {options.P99BoundMs} ms, no errors).")
            : string.Create(CultureInfo.InvariantCulture, $"No step held: {what} above {options.P99BoundMs} ms or errors from the first step.");
        if (phases.Count > 0 && phases[^1].Held == true)
        {
            note += " Every step held: raise --max-steps or --rate to find the limit.";
        }

        if (!write)
        {
            return new ScenarioResult(phases, [await context.VerifyLedgerAsync(reads!.Tenant.TenantId, cancellationToken)], Notes: [note]);
        }

        var check = await new PipelineCheck(context, creates!, sampler!).RunAsync(new RunWindow(start, start, end), context.Faults.Kills, cancellationToken);
        return new ScenarioResult(phases, check.Invariants, Notes: [note, "Pipeline figures span every step (the warm-up excluded); applied/s is over all steps."], Pipeline: check.Report);
    }
}
