using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary><c>read</c>: the read mix at a constant rate (default 200/s for 30 s, 5 s warm-up).</summary>
internal sealed class ReadScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var workload = new ReadWorkload();
        await workload.SeedAsync(context, cancellationToken);
        var plan = context.Plan(200, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));
        var result = await context.RunPhaseAsync("read", plan, (i, ct) => workload.SendAsync(context, i, ct), cancellationToken);
        return new ScenarioResult(
            [ReportMapping.Phase("read", result, plan.MaxInFlight, context.Baseline)],
            [BenchContext.NoServerErrors(result), await context.VerifyLedgerAsync(workload.Tenant.TenantId, cancellationToken)]);
    }
}
