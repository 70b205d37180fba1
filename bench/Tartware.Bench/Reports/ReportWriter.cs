using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tartware.Bench.Reports;

/// <summary>Writes <c>report.json</c>, <c>summary.md</c> and one <c>plot-*.svg</c> per phase into the run directory.</summary>
internal static class ReportWriter
{
    public static async Task WriteAsync(BenchReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, BenchReport.Json), cancellationToken);
        var plots = new List<string>();
        if (report.Phases.Count > 1)
        {
            // max: one plot over all steps, seconds laid end to end.
            var offset = 0;
            var joined = new List<TimelinePoint>();
            foreach (var phase in report.Phases)
            {
                joined.AddRange(phase.Timeline.Select(t => t with { Second = t.Second + offset, Warmup = false }));
                offset += (int)Math.Ceiling(phase.DurationSeconds);
            }

            plots.Add("plot-steps.svg");
            await File.WriteAllTextAsync(Path.Combine(directory, plots[^1]), SvgPlot.Render($"{report.Scenario}: all steps", joined, []), cancellationToken);
        }

        foreach (var phase in report.Phases.Take(1))
        {
            plots.Add($"plot-{phase.Name}.svg");
            await File.WriteAllTextAsync(Path.Combine(directory, plots[^1]),
                SvgPlot.Render($"{report.Scenario} / {phase.Name} at {phase.TargetRate:G4}/s", phase.Timeline, report.Kills), cancellationToken);
        }

        if (report.Pipeline is { } pipeline)
        {
            plots.Add("plot-pipeline.svg");
            await File.WriteAllTextAsync(Path.Combine(directory, plots[^1]),
                SvgPlot.RenderPipeline($"{report.Scenario}: reservation pipeline", pipeline, report.Phases.Count == 1 ? report.Phases[0].WarmupSeconds : 0, report.Kills),
                cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "summary.md"), Markdown(report, plots), cancellationToken);
    }

    public static string Markdown(BenchReport r, IReadOnlyList<string> plots)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"# Bench `{r.Scenario}` — {(r.Passed ? "PASSED" : "FAILED")}\n\n");
        sb.Append(c, $"- started {r.StartedAt:u}, git `{r.Git.Revision[..Math.Min(12, r.Git.Revision.Length)]}`{(r.Git.Dirty ? " (dirty)" : "")}\n");
        sb.Append(c, $"- command: `{r.Command}`\n");
        sb.Append(c, $"- machine: {r.Machine.Cores} cores ({r.Machine.CpuModel}), {r.Machine.MemoryMb} MB, {r.Machine.Os}, {r.Machine.Runtime}, load average at start {r.Machine.LoadAverage ?? "n/a"}. {r.Machine.Note}\n");
        sb.Append(c, $"- PostgreSQL: {string.Join(", ", r.Postgres.Select(kv => $"{kv.Key}={kv.Value}"))}\n");
        if (r.Baseline is { } b)
        {
            sb.Append(c, $"- pgbench baseline ({b.Mode}, scale {b.Scale}, {b.Clients} clients, {b.Seconds} s): **{b.Tps:F0} tps**, avg latency {b.LatencyAverageMs:F2} ms\n");
        }

        sb.Append("\n| phase | target/s | answered/s | × pgbench | ok | expected | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var p in r.Phases)
        {
            var l = p.Latency;
            sb.Append(c, $"| {p.Name}{(p.Held is { } held ? (held ? " ✓" : " ✗") : "")} | {p.TargetRate:G4} | {p.Throughput:F1} | {p.FractionOfPgbench?.ToString("F3", c) ?? "-"} | {p.Ok} | {p.Expected} | {p.Errors} | {l.P50Ms:F2} | {l.P90Ms:F2} | {l.P99Ms:F2} | {l.P999Ms:F2} | {l.MaxMs:F2} |\n");
        }

        var errors = r.Phases.SelectMany(p => p.ErrorsByKey.Select(e => $"{p.Name}: {e.Key} ×{e.Value}")).ToList();
        var expected = r.Phases.SelectMany(p => p.ExpectedByKey.Select(e => $"{p.Name}: {e.Key} ×{e.Value}")).ToList();
        sb.Append(c, $"\nErrors by status/code: {(errors.Count == 0 ? "none" : string.Join("; ", errors))}. Expected answers: {(expected.Count == 0 ? "none" : string.Join("; ", expected))}.\n");
        if (r.Contention is { } k)
        {
            sb.Append(c, $"\nContention: {k.Attempts} attempts, {k.Confirmed} confirmed, {k.Rejected} rejected, {k.Errors} errors; {k.RoomTypes} room types × {k.NightsChecked} nights checked, capacity+oversell per night {k.CapacityPerNight}.\n");
        }

        if (r.Pipeline is { } pipe)
        {
            var e = pipe.EndToEnd;
            sb.Append(c, $"\nPipeline: {pipe.Accepted} commands accepted ({pipe.AcceptedPerSecond:F1} creates/s in the measured window); creates {pipe.Applied} applied, {pipe.Rejected} rejected; **{pipe.AppliedPerSecond:F1} applied/s** over the measured window; drained {pipe.DrainSeconds?.ToString("F1", c) ?? "never"} s after the load.\n\n");
            sb.Append("| accept → APPLIED/REJECTED (ms) | sampled | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
            sb.Append(c, $"| lifecycle RECEIVED → terminal (every {(pipe.LifecycleEvery == 1 ? "" : pipe.LifecycleEvery + "th ")}create, all other commands) | {e.Count} | {e.P50Ms:F2} | {e.P90Ms:F2} | {e.P99Ms:F2} | {e.P999Ms:F2} | {e.MaxMs:F2} |\n");
            if (pipe.RejectedByCode.Count > 0)
            {
                sb.Append(c, $"\nRejected by the processor: {string.Join("; ", pipe.RejectedByCode.Select(kv => $"{kv.Key} ×{kv.Value}"))}.\n");
            }

            var peak = pipe.Timeline.Where(t => t.OutboxBacklog is not null).Select(t => (t.OutboxBacklog ?? 0, t.ConsumerLag ?? 0)).DefaultIfEmpty().ToList();
            sb.Append(c, $"\nBacklog peak: outbox {peak.Max(p => p.Item1)}, consumer lag {peak.Max(p => p.Item2)} (sampled every 2 s from /health/reliability).\n");
        }

        if (r.Kills.Count > 0)
        {
            sb.Append("\n| fault | at s | restart ready / outage ms | first 2xx after ms | moving again after ms | caught up after ms |\n|---|---|---|---|---|---|\n");
            foreach (var kill in r.Kills)
            {
                sb.Append(c, $"| {(kill.Kind == "kill" ? "SIGKILL " + kill.Role : kill.Kind)} | {kill.AtSeconds:F1} | {kill.ReadyAfterMs:F0} | {kill.RecoveryMs?.ToString("F0", c) ?? "never"} | {kill.PipelineRecoveryMs?.ToString("F0", c) ?? "-"} | {kill.CaughtUpMs?.ToString("F0", c) ?? "-"} |\n");
            }

            if (r.Pipeline?.CaughtUpBoundMs is { } bound)
            {
                sb.Append(c, $"\nMoving again: after a processor kill the first reservation applied after it; after a dispatcher kill or broker outage the first PUBLISHED of a command accepted after it. Caught up: the first create accepted after the fault applied within {bound:F0} ms (3× the median accept → APPLIED before the first fault, at least 250 ms).\n");
            }
        }

        sb.Append("\n| invariant | result | detail |\n|---|---|---|\n");
        foreach (var i in r.Invariants)
        {
            sb.Append(c, $"| {i.Name} | {(i.Passed ? "pass" : "**FAIL**")} | {i.Detail} |\n");
        }

        if (r.Profile is { Count: > 0 } profile)
        {
            sb.Append("\nTop statements by total server time (`pg_stat_statements`, reset before the scenario):\n\n| calls | total ms | mean ms | rows | statement |\n|---|---|---|---|---|\n");
            foreach (var s in profile.Take(10))
            {
                var query = s.Query.Length > 140 ? s.Query[..140] + "…" : s.Query;
                sb.Append(c, $"| {s.Calls} | {s.TotalMs:F0} | {s.MeanMs:F3} | {s.Rows} | `{query.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)}` |\n");
            }
        }

        foreach (var note in r.Notes)
        {
            sb.Append(c, $"\n> {note}\n");
        }

        foreach (var plot in plots)
        {
            sb.Append(c, $"\n![{plot}]({plot})\n");
        }

        return sb.ToString();
    }
}
