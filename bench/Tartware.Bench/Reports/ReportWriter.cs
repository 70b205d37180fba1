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

        if (r.Kills.Count > 0)
        {
            sb.Append("\n| kill | at s | ready after ms | recovery ms (first success) |\n|---|---|---|---|\n");
            foreach (var kill in r.Kills)
            {
                sb.Append(c, $"| {kill.Role} | {kill.AtSeconds:F1} | {kill.ReadyAfterMs:F0} | {kill.RecoveryMs?.ToString("F0", c) ?? "never"} |\n");
            }
        }

        sb.Append("\n| invariant | result | detail |\n|---|---|---|\n");
        foreach (var i in r.Invariants)
        {
            sb.Append(c, $"| {i.Name} | {(i.Passed ? "pass" : "**FAIL**")} | {i.Detail} |\n");
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
