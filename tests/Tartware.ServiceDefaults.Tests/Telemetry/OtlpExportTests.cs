using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shouldly;
using Tartware.ServiceDefaults.Telemetry;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

[Collection(TelemetryHostsCollection.Name)]
public sealed class OtlpExportTests
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Requests_still_succeed_when_the_otlp_collector_is_unreachable(string protocol)
    {
        await using var app = await TelemetryTestApp.StartAsync(
            a => a.MapGet("/otlp-down", () => "ok").AllowAnonymous(),
            new Dictionary<string, string?>
            {
                // Port 1 on loopback: nothing listens, every export attempt fails.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "50",
            });

        // Keep exports to the dead port in flight for the whole loop (the batch delay alone is 5 s).
        using var stop = new CancellationTokenSource();
        var flushing = Task.Run(() => FlushUntil(app.Services, stop.Token), TestContext.Current.CancellationToken);
        for (var i = 0; i < 30; i++)
        {
            // Generous "completes" bound only: exporting happens on background threads.
            using var response = await app.GetAsync("/otlp-down").WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await stop.CancelAsync();
        (await flushing).ShouldBeGreaterThan(0);

        (await app.ScrapeAsync()).Value("http_server_request_duration_seconds_count", ("http_route", "/otlp-down")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Traces_and_metrics_are_posted_to_the_collector_over_http_protobuf()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType)>();
        await using var collector = await StartCollectorAsync(received);
        await using var app = await TelemetryTestApp.StartAsync(
            a => a.MapGet("/otlp-up", () => "ok").AllowAnonymous(),
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.Single(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            });
        (await app.GetAsync("/otlp-up", System.Diagnostics.ActivityTraceId.CreateRandom())).EnsureSuccessStatusCode();

        await Eventually.ReturnsAsync(
            () =>
            {
                app.Services.GetRequiredService<TracerProvider>().ForceFlush(5_000);
                app.Services.GetRequiredService<MeterProvider>().ForceFlush(5_000);
                return Task.FromResult(received.Select(r => r.Path).Distinct().Order().ToArray());
            },
            paths => paths.SequenceEqual(["/v1/metrics", "/v1/traces"]),
            "an OTLP post for each signal");

        received.ShouldAllBe(r => r.ContentType == "application/x-protobuf");
    }

    private static int FlushUntil(IServiceProvider services, CancellationToken stop)
    {
        var tracer = services.GetRequiredService<TracerProvider>();
        var meter = services.GetRequiredService<MeterProvider>();
        var flushes = 0;
        while (!stop.IsCancellationRequested)
        {
            tracer.ForceFlush(1_000);
            meter.ForceFlush(1_000);
            flushes++;
        }

        return flushes;
    }

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<(string, string?)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = builder.Build();
        // Every test host's provider listens to ASP.NET Core spans in this process; without this the
        // collector's own requests would be traced and exported back to it in a loop.
        collector.Use((context, next) =>
        {
            ProbeTraceSuppressionExtensions.SuppressRequestSpan(context);
            return next(context);
        });
        collector.MapPost("/v1/{signal}", (HttpContext context) =>
        {
            received.Enqueue((context.Request.Path.Value!, context.Request.ContentType));
            return Results.Bytes([], "application/x-protobuf");
        });
        await collector.StartAsync(TestContext.Current.CancellationToken);
        return collector;
    }
}
