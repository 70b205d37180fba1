using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using OpenTelemetry;
using Shouldly;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

[Collection(TelemetryHostsCollection.Name)]
public sealed class ServerSpanEnrichmentTests
{
    [Fact]
    public async Task Server_span_is_named_by_method_and_route_and_carries_http_attributes()
    {
        var exporter = new InMemoryActivityExporter();
        await using var app = await StartAsync(exporter);
        var trace = ActivityTraceId.CreateRandom();

        (await app.GetAsync("/rooms/42?secret=token", trace)).EnsureSuccessStatusCode();

        var span = await ServerSpanAsync(app, exporter, trace);
        span.DisplayName.ShouldBe("GET /rooms/{id:int}");
        span.Tags["http.route"].ShouldBe("/rooms/{id:int}", "the same value as the http.route metric label");
        span.Tags["http.request.method"].ShouldBe("GET");
        span.Tags["http.response.status_code"].ShouldBe(200);
        span.Tags["url.path"].ShouldBe("/rooms/42");
        span.Tags["url.scheme"].ShouldBe("http");
        span.Tags["network.protocol.version"].ShouldBe("1.1");
        span.Tags.Values.OfType<string>().ShouldNotContain(v => v.Contains("secret", StringComparison.Ordinal), "query strings stay out of spans");
        span.Status.ShouldBe(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task Unhandled_exception_marks_the_server_span_as_error_with_its_type()
    {
        var exporter = new InMemoryActivityExporter();
        await using var app = await StartAsync(exporter);
        var trace = ActivityTraceId.CreateRandom();

        using var response = await app.GetAsync("/explode", trace);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var span = await ServerSpanAsync(app, exporter, trace);
        span.Status.ShouldBe(ActivityStatusCode.Error);
        span.Tags["error.type"].ShouldBe(typeof(InvalidOperationException).FullName);
    }

    [Fact]
    public async Task Client_errors_are_not_server_span_errors()
    {
        var exporter = new InMemoryActivityExporter();
        await using var app = await StartAsync(exporter);
        var trace = ActivityTraceId.CreateRandom();

        using var response = await app.GetAsync("/rooms/not-a-number", trace);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var span = await ServerSpanAsync(app, exporter, trace);
        span.DisplayName.ShouldBe("GET");
        span.Tags["http.response.status_code"].ShouldBe(404);
        span.Status.ShouldBe(ActivityStatusCode.Unset);
    }

    private static Task<TelemetryTestApp> StartAsync(InMemoryActivityExporter exporter) =>
        TelemetryTestApp.StartAsync(
            a =>
            {
                a.MapGet("/rooms/{id:int}", (int id) => TypedResults.Ok(id));
                a.MapGet("/explode", string () => throw new InvalidOperationException("boom"));
            },
            configureTracing: t => t.AddProcessor(new BatchActivityExportProcessor(exporter)));

    private static async Task<ExportedSpan> ServerSpanAsync(TelemetryTestApp app, InMemoryActivityExporter exporter, ActivityTraceId trace)
    {
        var provider = app.Services.GetRequiredService<TracerProvider>();
        var spans = await Eventually.ReturnsAsync(
            () =>
            {
                provider.ForceFlush(5_000);
                return Task.FromResult(exporter.InTrace(trace));
            },
            s => s.Any(x => x.IsServer),
            "the server span");
        return spans.Single(s => s.IsServer);
    }
}
