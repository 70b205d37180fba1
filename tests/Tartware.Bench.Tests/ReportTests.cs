using System.Text.Json;
using System.Xml.Linq;
using Shouldly;
using Tartware.Bench.Baseline;
using Tartware.Bench.Cli;
using Tartware.Bench.Load;
using Tartware.Bench.Reports;
using Xunit;

namespace Tartware.Bench.Tests;

public sealed class ReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Report_json_round_trips_and_names_its_schema()
    {
        var report = Sample();
        var json = JsonSerializer.Serialize(report, BenchReport.Json);
        var back = JsonSerializer.Deserialize<BenchReport>(json, BenchReport.Json)!;

        JsonSerializer.Serialize(back, BenchReport.Json).ShouldBe(json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.GetProperty("schema").GetString().ShouldBe("tartware-bench/1");
        root.GetProperty("passed").GetBoolean().ShouldBeFalse();
        var phase = root.GetProperty("phases")[0];
        foreach (var field in (string[])["name", "targetRate", "throughput", "fractionOfPgbench", "errorsByKey", "latency", "timeline"])
        {
            phase.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        foreach (var field in (string[])["p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs", "buckets"])
        {
            phase.GetProperty("latency").TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        foreach (var field in (string[])["machine", "git", "postgres", "baseline", "kills", "invariants", "command", "startedAt"])
        {
            root.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
    }

    [Fact]
    public void Svg_plot_is_well_formed_xml_with_a_line_per_series_and_kill()
    {
        var report = Sample();
        var svg = SvgPlot.Render("holds <api> & \"kills\"", report.Phases[0].Timeline, report.Kills);

        var doc = XDocument.Parse(svg);
        doc.Root!.Name.ShouldBe(Svg + "svg");
        doc.Descendants(Svg + "polyline").Count().ShouldBe(5);
        doc.Descendants(Svg + "line").Count(l => l.Attribute("stroke-dasharray") is not null).ShouldBe(4); // two kills in two panels
        doc.Descendants(Svg + "text").First().Value.ShouldBe("holds <api> & \"kills\"");
    }

    [Fact]
    public void Svg_plot_of_an_empty_run_is_still_well_formed()
    {
        XDocument.Parse(SvgPlot.Render("empty", [], [])).Root!.Name.ShouldBe(Svg + "svg");
    }

    [Fact]
    public void Markdown_summary_states_machine_baseline_and_failed_invariants()
    {
        var md = ReportWriter.Markdown(Sample(), ["plot-holds.svg"]);
        md.ShouldContain("FAILED");
        md.ShouldContain("2 cores");
        md.ShouldContain("812 tps");
        md.ShouldContain("**FAIL**");
        md.ShouldContain("![plot-holds.svg](plot-holds.svg)");
    }

    [Fact]
    public void Pipeline_report_has_its_plot_and_summary_with_fault_recovery()
    {
        var report = Sample() with
        {
            Scenario = "write",
            Pipeline = new PipelineReport(300, 280, 15, 95.5, 100, 300, 1, ReportMapping.Latency(Hist(40_000, 90_000)),
                1.5, 250, [new PipelineSecond(0, 100, 90, 55.5, 12, 3), new PipelineSecond(1, 100, 0, null, null, null), new PipelineSecond(2, 100, 190, 900, 0, 0)],
                new Dictionary<string, long> { ["CREATE no-availability"] = 15 }),
            Kills = [new KillReport("processor", 1.0, 850, 12, "kill", 1_400, 2_100), new KillReport("broker", 1.5, 30_000, 5, "broker-outage", null, null)],
        };

        var doc = XDocument.Parse(SvgPlot.RenderPipeline("write <pipeline>", report.Pipeline!, 1, report.Kills));
        doc.Descendants(Svg + "polyline").Count().ShouldBe(5); // e2e p99; accepted, applied, backlog, lag
        doc.Descendants(Svg + "rect").Count(r => r.Attribute("fill-opacity") is not null).ShouldBe(2); // the outage shaded in both panels
        var md = ReportWriter.Markdown(report, ["plot-pipeline.svg"]);
        md.ShouldContain("**95.5 applied/s**");
        md.ShouldContain("CREATE no-availability ×15");
        md.ShouldContain("| SIGKILL processor | 1.0 | 850 | 12 | 1400 | 2100 |");
        md.ShouldContain("| broker-outage | 1.5 | 30000 | 5 | - | - |");
        md.ShouldContain("Backlog peak: outbox 12, consumer lag 3");
    }

    private static LatencyHistogram Hist(params long[] values)
    {
        var h = new LatencyHistogram();
        foreach (var v in values)
        {
            h.Record(v);
        }

        return h;
    }

    [Fact]
    public void Tenant_id_is_read_past_the_cli_log_lines()
    {
        var id = Guid.NewGuid();
        var output = "{\"timestamp\":\"2026-12-01T11:00:00Z\",\"level\":\"Warning\",\"message\":\"slow\"}\n{\"tenantId\":\"" + id + "\",\"ownerUserId\":\"" + Guid.NewGuid() + "\"}\n";
        Tartware.Bench.Platform.TenantSeeder.TenantIdOf(output).ShouldBe(id);
        Tartware.Bench.Platform.TenantSeeder.TenantIdOf("no json here").ShouldBeNull();
    }

    [Fact]
    public void Pgbench_output_is_parsed()
    {
        const string Output = """
            transaction type: <builtin: TPC-B (sort of)>
            number of clients: 16
            latency average = 19.706 ms
            initial connection time = 12.345 ms
            tps = 811.940350 (without initial connection time)
            """;
        var b = BenchEnvironment.ParsePgbench(Output, 16, 15, 10);
        b.Tps.ShouldBe(811.940350);
        b.LatencyAverageMs.ShouldBe(19.706);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("20s", 20)]
    [InlineData("2m", 120)]
    [InlineData("15", 15)]
    public void Durations_parse_as_typed(string text, double seconds) => Durations.Parse(text).TotalSeconds.ShouldBe(seconds);

    private static BenchReport Sample()
    {
        var run = new LatencyHistogram();
        var second = new LatencyHistogram();
        foreach (var v in (long[])[900, 1_200, 4_000, 250_000])
        {
            run.Record(v);
            second.Record(v);
        }

        var result = new LoadResult
        {
            TargetRate = 100,
            Duration = TimeSpan.FromSeconds(3),
            Warmup = TimeSpan.FromSeconds(1),
            Scheduled = 300,
            Measured = 200,
            Ok = 190,
            Expected = 5,
            Errors = 5,
            Overflow = 1,
            ErrorsByKey = new Dictionary<string, long> { ["0 connect"] = 4, ["0 overflow"] = 1 },
            ExpectedByKey = new Dictionary<string, long> { ["409 no-availability"] = 5 },
            Latency = run,
            Timeline = [new TimelineSecond(0, true, 100, 100, 0, second), new TimelineSecond(1, false, 100, 95, 5, second), new TimelineSecond(2, false, 100, 100, 0, second)],
        };
        var baseline = new PgbenchBaseline(16, 15, 10, 812, 19.7, "tpcb-like");
        return new BenchReport
        {
            Scenario = "holds",
            StartedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            Command = "scripts/bench.sh holds --kill api --every 20s",
            Machine = new MachineInfo(2, "Test CPU", 7936, "Linux", ".NET 10", "shared"),
            Git = new GitInfo("0123456789abcdef", false),
            Postgres = new Dictionary<string, string> { ["fsync"] = "on", ["shared_buffers"] = "32768x8kB" },
            Baseline = baseline,
            Phases = [ReportMapping.Phase("holds", result, 256, baseline)],
            Kills = [new KillReport("api", 1.0, 850, 910), new KillReport("api", 2.0, 800, null)],
            Invariants = [new InvariantReport("every 2xx hold exists", true, "ok"), new InvariantReport("every kill recovered", false, "1 without")],
            Notes = ["a note"],
        };
    }
}
