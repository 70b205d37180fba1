using Spectre.Console;
using Tartware.Bench.Baseline;
using Tartware.Bench.Load;
using Tartware.Bench.Platform;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>What a scenario gets: options, the API client, the CLI, the fault injector, and a way to run a load phase with progress.</summary>
internal sealed class BenchContext(BenchOptions options, ApiClient api, FaultInjector faults, TimeProvider time, PgbenchBaseline? baseline,
    IReadOnlyList<RoleProcess>? roles = null)
{
    private TimeSpan _elapsed;

    /// <summary>The platform's processes, for scenarios that read a process other than the api (health of the pipeline).</summary>
    public IReadOnlyList<RoleProcess> Roles => roles ?? [];

    /// <summary>A process that answers <c>/health/reliability</c> and is not the one being killed.</summary>
    public Uri ReliabilityProcess =>
        (Roles.FirstOrDefault(r => r.Name == "guard" && faults.Role != "guard") ?? Roles.FirstOrDefault(r => r.Name != faults.Role))?.BaseAddress
        ?? throw new InvalidOperationException("no platform process to read /health/reliability from");

    /// <summary>Top statements of <c>pg_stat_statements</c> as a scenario snapshotted them (before its read-back), or null.</summary>
    public IReadOnlyList<StatementProfile>? Profile { get; private set; }

    private bool _profiling;

    /// <summary>Resets <c>pg_stat_statements</c> when the bench can reach PostgreSQL and the extension is loaded.</summary>
    public async Task StartProfileAsync(CancellationToken cancellationToken) =>
        _profiling = options.PgBin is { } bin && await BenchEnvironment.ResetStatementsAsync(bin, options.AppDatabase, cancellationToken);

    /// <summary>
    /// Takes the profile now (the first call wins): reservation scenarios call it once the load has drained and before their read-back,
    /// so the bench's own verification reads do not show as the platform's cost.
    /// </summary>
    public async Task SnapshotProfileAsync(CancellationToken cancellationToken)
    {
        if (_profiling && Profile is null)
        {
            Profile = await BenchEnvironment.TopStatementsAsync(options.PgBin!, options.AppDatabase, 15, cancellationToken);
        }
    }

    /// <summary>Wall-clock start of the last phase run (lifecycle timestamps are wall clock).</summary>
    public DateTimeOffset LastPhaseStart { get; private set; }

    public BenchOptions Options => options;

    public ApiClient Api => api;

    public FaultInjector Faults => faults;

    public TimeProvider Time => time;

    public PgbenchBaseline? Baseline => baseline;

    public TenantSeeder Seeder => new(options.Binary, api);

    public LoadPlan Plan(double rate, TimeSpan duration, TimeSpan warmup) =>
        new(options.Rate ?? rate, options.Duration ?? duration, options.Warmup ?? warmup, options.Ramp, options.MaxInFlight);

    /// <summary>Runs one open-loop phase, with the kill loop alongside when one is configured, showing live counters.</summary>
    public async Task<LoadResult> RunPhaseAsync(string name, LoadPlan plan, Func<long, CancellationToken, Task<Outcome>> send, CancellationToken cancellationToken)
    {
        var run = new OpenLoopRun(plan, send, time, faults.Observe);
        using var phaseEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var killer = faults.RunAsync(_elapsed, phaseEnd.Token);
        LastPhaseStart = time.GetUtcNow();
        var load = run.RunAsync(cancellationToken);
        await LiveProgress.ShowAsync(name, plan, run, load);
        var result = await load;
        await phaseEnd.CancelAsync();
        await killer;
        _elapsed += plan.Duration;
        return result;
    }

    /// <summary><c>tartware guard rebuild --tenant T --verify</c>: the ledger equals the locks (exit 0) or it drifted.</summary>
    public async Task<InvariantReport> VerifyLedgerAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var (exit, output, error) = await ProcessRunner.RunAsync(options.Binary, ["guard", "rebuild", "--tenant", tenantId.ToString(), "--verify"], cancellationToken);
        var detail = exit == 0 ? "tartware guard rebuild --verify: no drift" : $"exit {exit}: {Trim(output + error)}";
        return new InvariantReport("ledger equals locks", exit == 0, detail);
    }

    public static InvariantReport NoServerErrors(params LoadResult[] results)
    {
        var fives = results.SelectMany(r => r.ErrorsByKey).Where(e => e.Key.StartsWith('5')).Sum(e => e.Value);
        return new InvariantReport("no 5xx answers", fives == 0, $"{fives} answers with status 5xx");
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300].ReplaceLineEndings(" ") : text.ReplaceLineEndings(" ");
}

/// <summary>Progress while a phase runs: a Spectre progress bar on a terminal, a line every 5 s otherwise (CI logs).</summary>
internal static class LiveProgress
{
    public static async Task ShowAsync(string name, LoadPlan plan, OpenLoopRun run, Task load)
    {
        string Line()
        {
            var s = run.Snapshot();
            return $"{name} {plan.Rate:G4}/s  sent {s.Sent}  ok {s.Ok}  expected {s.Expected}  errors {s.Errors}  in-flight {s.InFlight}  p99 {s.P99Micros / 1000.0:F1} ms";
        }

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            while (!load.IsCompleted)
            {
                await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(5)));
                AnsiConsole.WriteLine(Line());
            }

            return;
        }

        await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(Line()), maxValue: plan.Duration.TotalSeconds);
                while (!load.IsCompleted)
                {
                    await Task.WhenAny(load, Task.Delay(250));
                    task.Value = Math.Min(plan.Duration.TotalSeconds, run.Snapshot().Elapsed.TotalSeconds);
                    task.Description = Markup.Escape(Line());
                }

                task.Value = plan.Duration.TotalSeconds;
            });
    }
}
