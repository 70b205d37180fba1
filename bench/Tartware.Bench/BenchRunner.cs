using Spectre.Console;
using Tartware.Bench.Baseline;
using Tartware.Bench.Platform;
using Tartware.Bench.Reports;
using Tartware.Bench.Scenarios;

namespace Tartware.Bench;

/// <summary>
/// One bench run: baseline (pgbench, settings, machine, git), the platform's processes, the scenario,
/// the report. Exit codes: 0 every invariant held, 1 a violation, 2 refused (bad flags or an unknown
/// scenario), 3 the run itself failed.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var scenario = ScenarioCatalog.Create(options.Scenario);
        if (scenario is null)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(options.Scenario)}[/]: unknown scenario; known: {Markup.Escape(string.Join(", ", ScenarioCatalog.Names))}");
            return 2;
        }

        if (options.Kill is { } kill && !ScenarioCatalog.KillableRoles.Contains(kill))
        {
            AnsiConsole.MarkupLine($"[red]--kill {Markup.Escape(kill)}[/]: unknown role; known: {Markup.Escape(string.Join(", ", ScenarioCatalog.KillableRoles))}");
            return 2;
        }

        if (options.BrokerOutage is not null && options.BrokerPid is null)
        {
            AnsiConsole.MarkupLine("[red]--broker-outage[/] needs --broker-pid (scripts/bench.sh passes the dev broker's)");
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
            .. options.ServeSettings,
        ];
        ScenarioResult result;
        IReadOnlyList<KillEvent> kills;
        IReadOnlyList<StatementProfile>? profile = null;
        await using (var supervisor = new PlatformSupervisor(options.Binary, serveSettings, logs))
        {
            var roles = Roles(options.ApiPort, ScenarioCatalog.UsesPipeline(options) || options.Kill is "dispatcher" or "processor" || options.BrokerOutage is not null);
            AnsiConsole.MarkupLine($"starting tartware serve, one process per role: {string.Join(", ", roles.Select(r => $"{r.Name} :{r.Port}"))}");
            await supervisor.StartAllAsync(roles, cancellationToken);
            using var api = new ApiClient(roles[0].BaseAddress, options.MaxInFlight);
            var faults = new FaultInjector(supervisor, options.Kill, options.KillEvery, time, options.BrokerPid, options.BrokerOutage);
            var context = new BenchContext(options, api, faults, time, baseline, roles);
            await context.StartProfileAsync(cancellationToken);
            result = await scenario.RunAsync(context, cancellationToken);
            kills = faults.Kills;
            await context.SnapshotProfileAsync(cancellationToken);
            profile = context.Profile;
        }

        var invariants = result.Invariants.ToList();
        if (options.Kill is not null || options.BrokerOutage is not null)
        {
            // A pipeline fault is over when commands flow again (APPLIED after it), an api or guard kill when the load succeeds again.
            var unrecovered = kills.Count(k => (result.Pipeline is not null && (k.Kind == "broker-outage" || k.Role is "processor" or "dispatcher")
                ? k.PipelineRecoveryMs : k.RecoveryMs) is null);
            invariants.Add(new InvariantReport("every fault recovered", kills.Count > 0 && unrecovered == 0,
                $"{kills.Count} faults ({string.Join(", ", kills.Select(k => k.Kind == "kill" ? "kill " + k.Role : k.Kind).Distinct())}), {unrecovered} without recovery"));
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
            Pipeline = result.Pipeline,
            Profile = profile,
            Kills = [.. kills.Select(k => new KillReport(k.Role, Math.Round(k.AtSeconds, 2), Math.Round(k.ReadyAfterMs, 1), k.RecoveryMs is { } r ? Math.Round(r, 1) : null,
                k.Kind, k.PipelineRecoveryMs, k.CaughtUpMs))],
            Invariants = invariants,
            Notes = [.. result.Notes ?? [], result.Pipeline is not null
                ? "Dev broker: librdkafka's in-memory mock cluster (not durable); Kafka:FetchWaitMaxMs as set by scripts/bench.sh (50 ms). Accept → APPLIED crosses it twice (outbox → topic → processor) and includes up to one fetch wait per idle hop (see DEPENDENCIES.md)."
                : "Dev broker: librdkafka's in-memory mock cluster (not durable); this scenario does not cross it."],
        };
        await ReportWriter.WriteAsync(report, options.OutputDirectory, cancellationToken);
        Print(report);
        AnsiConsole.MarkupLine($"report: [bold]{Markup.Escape(options.OutputDirectory)}[/] (report.json, summary.md, plot-*.svg)");
        return report.Passed ? 0 : 1;
    }

    /// <summary>
    /// The platform as separate processes, one per role, so each can be killed alone: api first (the load's target), then guard,
    /// and for the scenarios that cross the broker dispatcher (outbox → Kafka) and processor (Kafka → apply), each on the next port
    /// (the ports stay the same either way). The others run api and guard only, as they always have, so their numbers stay comparable.
    /// The <c>jobs</c> role (identity clean-ups) takes part in no scenario and is left out to keep the two cores for the measured path.
    /// </summary>
    internal static IReadOnlyList<RoleProcess> Roles(int apiPort, bool pipeline = true) =>
    [
        new("api", "api", apiPort),
        new("guard", "guard", apiPort + 1),
        .. pipeline ? (RoleProcess[])[new("dispatcher", "dispatcher", apiPort + 2), new("processor", "processor", apiPort + 3)] : [],
    ];

    private static void Print(BenchReport report)
    {
        var table = new Table().AddColumns("phase", "target/s", "answered/s", "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        foreach (var p in report.Phases)
        {
            table.AddRow(p.Name, $"{p.TargetRate:G4}", $"{p.Throughput:F1}", $"{p.Errors}", $"{p.Latency.P50Ms:F2}", $"{p.Latency.P90Ms:F2}",
                $"{p.Latency.P99Ms:F2}", $"{p.Latency.P999Ms:F2}", $"{p.Latency.MaxMs:F2}");
        }

        AnsiConsole.Write(table);
        if (report.Pipeline is { } pipe)
        {
            AnsiConsole.MarkupLine($"pipeline: {pipe.Accepted} accepted, {pipe.Applied} applied, {pipe.Rejected} rejected; [bold]{pipe.AppliedPerSecond:F1} applied/s[/] over the measured window; " +
                $"accept → APPLIED p50 {pipe.EndToEnd.P50Ms:F1} / p99 {pipe.EndToEnd.P99Ms:F1} / max {pipe.EndToEnd.MaxMs:F1} ms ({pipe.EndToEnd.Count} sampled); drained {pipe.DrainSeconds?.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) ?? "never"} s after the load");
        }

        foreach (var k in report.Kills)
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(k.Kind)} {Markup.Escape(k.Role)} at {k.AtSeconds:F1} s: ready/over after {k.ReadyAfterMs:F0} ms, first 2xx after {k.RecoveryMs?.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms, " +
                $"moving again after {k.PipelineRecoveryMs?.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms, caught up after {k.CaughtUpMs?.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms");
        }

        foreach (var i in report.Invariants)
        {
            AnsiConsole.MarkupLine($"{(i.Passed ? "[green]pass[/]" : "[red]FAIL[/]")} {Markup.Escape(i.Name)}: {Markup.Escape(i.Detail)}");
        }
    }
}
