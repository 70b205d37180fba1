using Spectre.Console;
using Tartware.Bench.Baseline;
using Tartware.Bench.Platform;
using Tartware.Bench.Reports;
using Tartware.Bench.Scenarios;

namespace Tartware.Bench;

/// <summary>
/// One bench run: baseline (pgbench, settings, machine, git), the platform's processes, the scenario,
/// the report. Exit codes: 0 every invariant held, 1 a violation, 2 refused (bad flags or a scenario
/// that needs issue 6), 3 the run itself failed.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var scenario = ScenarioCatalog.Create(options.Scenario);
        if (scenario is null)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(options.Scenario)}[/]: {Markup.Escape(ScenarioCatalog.Names.Contains(options.Scenario) ? ScenarioCatalog.NeedsPipeline : "unknown scenario")}");
            return 2;
        }

        if (options.Kill is { } kill && !ScenarioCatalog.KillableRoles.Contains(kill))
        {
            var why = ScenarioCatalog.PlannedKillableRoles.Contains(kill) ? ScenarioCatalog.NeedsPipeline : $"unknown role; known: {string.Join(", ", ScenarioCatalog.KillableRoles)}";
            AnsiConsole.MarkupLine($"[red]--kill {Markup.Escape(kill)}[/]: {Markup.Escape(why)}");
            return 2;
        }

        var time = TimeProvider.System;
        var startedAt = time.GetUtcNow();
        var machine = BenchEnvironment.Machine();
        var git = await BenchEnvironment.GitAsync(options.Repo, cancellationToken);
        IReadOnlyDictionary<string, string> settings = new Dictionary<string, string>();
        PgbenchBaseline? baseline = null;
        if (options.PgBin is { } pgBin)
        {
            settings = await BenchEnvironment.PostgresSettingsAsync(pgBin, options.AppDatabase, cancellationToken);
            if (options.PgbenchSeconds > 0)
            {
                var clients = options.PgbenchClients ?? Math.Min(options.MaxInFlight, 32);
                AnsiConsole.MarkupLine($"pgbench baseline: {clients} clients, {options.PgbenchSeconds} s");
                baseline = await BenchEnvironment.PgbenchAsync(pgBin, options.PgbenchDatabase, clients, options.PgbenchSeconds, cancellationToken);
                AnsiConsole.MarkupLine($"pgbench: [bold]{baseline.Tps:F0} tps[/]");
            }
        }

        var logs = Path.Combine(options.OutputDirectory, "logs");
        // The bench is one client hammering from one address: lift the per-user/tenant/IP buckets to their
        // validated maximum (16.6k/s) so
        // the numbers measure the platform, not the limiter (which has its own tests).
        string[] serveSettings =
        [
            .. new[] { "User", "Tenant", "Ip" }.SelectMany(b => new[]
            {
                $"RateLimiting:Policies:api:{b}:PermitsPerMinute=1000000", $"RateLimiting:Policies:api:{b}:Burst=100000",
            }),
        ];
        ScenarioResult result;
        IReadOnlyList<KillEvent> kills;
        await using (var supervisor = new PlatformSupervisor(options.Binary, serveSettings, logs))
        {
            AnsiConsole.MarkupLine("starting tartware serve: api, guard");
            await supervisor.StartAsync(new RoleProcess("api", "api", options.ApiPort), cancellationToken);
            await supervisor.StartAsync(new RoleProcess("guard", "guard", options.ApiPort + 1), cancellationToken);
            using var api = new ApiClient(new RoleProcess("api", "api", options.ApiPort).BaseAddress, options.MaxInFlight);
            var faults = new FaultInjector(supervisor, options.Kill, options.KillEvery, time);
            var context = new BenchContext(options, api, faults, time, baseline);
            result = await scenario.RunAsync(context, cancellationToken);
            kills = faults.Kills;
        }

        var invariants = result.Invariants.ToList();
        if (options.Kill is not null)
        {
            var unrecovered = kills.Count(k => k.RecoveryMs is null);
            invariants.Add(new InvariantReport("every kill recovered", kills.Count > 0 && unrecovered == 0,
                $"{kills.Count} kills of {options.Kill}, {unrecovered} without a later success"));
        }

        var report = new BenchReport
        {
            Scenario = options.Scenario,
            StartedAt = startedAt,
            Command = options.CommandLine,
            Machine = machine,
            Git = git,
            Postgres = settings,
            Baseline = baseline,
            Phases = result.Phases,
            Contention = result.Contention,
            Kills = [.. kills.Select(k => new KillReport(k.Role, Math.Round(k.AtSeconds, 2), Math.Round(k.ReadyAfterMs, 1), k.RecoveryMs is { } r ? Math.Round(r, 1) : null))],
            Invariants = invariants,
            Notes = [.. result.Notes ?? [], "Dev broker: librdkafka's in-memory mock cluster (not durable); Kafka:FetchWaitMaxMs as set by scripts/bench.sh (50 ms). Today's scenarios do not cross the broker; latency through it will (see DEPENDENCIES.md)."],
        };
        await ReportWriter.WriteAsync(report, options.OutputDirectory, cancellationToken);
        Print(report);
        AnsiConsole.MarkupLine($"report: [bold]{Markup.Escape(options.OutputDirectory)}[/] (report.json, summary.md, plot-*.svg)");
        return report.Passed ? 0 : 1;
    }

    private static void Print(BenchReport report)
    {
        var table = new Table().AddColumns("phase", "target/s", "answered/s", "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        foreach (var p in report.Phases)
        {
            table.AddRow(p.Name, $"{p.TargetRate:G4}", $"{p.Throughput:F1}", $"{p.Errors}", $"{p.Latency.P50Ms:F2}", $"{p.Latency.P90Ms:F2}",
                $"{p.Latency.P99Ms:F2}", $"{p.Latency.P999Ms:F2}", $"{p.Latency.MaxMs:F2}");
        }

        AnsiConsole.Write(table);
        foreach (var i in report.Invariants)
        {
            AnsiConsole.MarkupLine($"{(i.Passed ? "[green]pass[/]" : "[red]FAIL[/]")} {Markup.Escape(i.Name)}: {Markup.Escape(i.Detail)}");
        }
    }
}
