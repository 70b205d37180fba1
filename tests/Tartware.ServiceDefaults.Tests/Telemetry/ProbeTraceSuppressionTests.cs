using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using OpenTelemetry;
using Shouldly;
using Tartware.ServiceDefaults.Telemetry;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

[Collection(TelemetryHostsCollection.Name)]
public sealed class ProbeTraceSuppressionTests
{
    [Fact]
    public async Task Probe_and_scrape_requests_export_no_spans_while_a_normal_request_does()
    {
        var exporter = new InMemoryActivityExporter();
        await using var app = await TelemetryTestApp.StartAsync(
            a =>
            {
                a.MapGet("/health/live", () => WithChildSpan("probe-child")).AllowAnonymous();
                a.MapGet("/traced/work", () => WithChildSpan("work-child")).AllowAnonymous();
            },
            // The production processor type, so the test proves what OTLP would (not) receive.
            configureTracing: t => t.AddProcessor(new BatchActivityExportProcessor(exporter)));
        var provider = app.Services.GetRequiredService<TracerProvider>();

        var liveTrace = ActivityTraceId.CreateRandom();
        var metricsTrace = ActivityTraceId.CreateRandom();
        var workTrace = ActivityTraceId.CreateRandom();
        (await app.GetAsync("/health/live", liveTrace)).EnsureSuccessStatusCode();
        (await app.GetAsync("/metrics", metricsTrace)).EnsureSuccessStatusCode();
        (await app.GetAsync("/traced/work", workTrace)).EnsureSuccessStatusCode();

        var work = await Eventually.ReturnsAsync(
            () => Task.FromResult(Flushed(provider, exporter, workTrace)),
            spans => spans.Count >= 2,
            "the normal request's server span and child span");

        work.ShouldContain(s => s.IsServer);
        work.ShouldContain(s => s.Source == TartwareDiagnostics.ActivitySourceName && s.OperationName == "work-child");
        Flushed(provider, exporter, liveTrace).ShouldBeEmpty("liveness probes, and the spans they start, stay out of traces");
        Flushed(provider, exporter, metricsTrace).ShouldBeEmpty("Prometheus scrapes stay out of traces");
    }

    [Theory]
    [InlineData("/health", true)]
    [InlineData("/health/ready", true)]
    [InlineData("/HEALTH/live", true)]
    [InlineData("/metrics", true)]
    [InlineData("/healthy", false)]
    [InlineData("/api/health", false)]
    [InlineData("/metrics-report", false)]
    public void Only_probe_paths_are_suppressed(string path, bool suppressed) =>
        ProbeTraceSuppressionExtensions.IsProbe(new Microsoft.AspNetCore.Http.PathString(path)).ShouldBe(suppressed);

    private static string WithChildSpan(string name)
    {
        using var child = TartwareDiagnostics.ActivitySource.StartActivity(name);
        return "ok";
    }

    private static IReadOnlyList<ExportedSpan> Flushed(TracerProvider provider, InMemoryActivityExporter exporter, ActivityTraceId traceId)
    {
        provider.ForceFlush(5_000);
        return exporter.InTrace(traceId);
    }
}
