using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

[Collection(TelemetryHostsCollection.Name)]
public sealed class PrometheusHttpMetricsTests
{
    private const string Duration = "http_server_request_duration_seconds";
    private const string Route = "/prom-http/{id}";

    [Fact]
    public async Task Metrics_endpoint_exposes_request_duration_histogram_and_count_per_route()
    {
        await using var app = await TelemetryTestApp.StartAsync(a => a.MapGet(Route, (int id) => TypedResults.Ok(id)).AllowAnonymous());

        for (var id = 1; id <= 3; id++)
        {
            using var response = await app.GetAsync($"/prom-http/{id}");
            response.EnsureSuccessStatusCode();
        }

        var labels = new[] { ("http_route", Route), ("http_request_method", "GET"), ("http_response_status_code", "200") };
        var scrape = await Eventually.ReturnsAsync(
            app.ScrapeAsync, s => s.Value($"{Duration}_count", labels) == 3, "three requests counted");

        var buckets = scrape.Find($"{Duration}_bucket", labels);
        buckets.Count.ShouldBeGreaterThan(2);
        buckets.Select(b => b.Value).ShouldBeInOrder(SortDirection.Ascending, "buckets are cumulative");
        buckets[^1].Labels["le"].ShouldBe("+Inf");
        buckets[^1].Value.ShouldBe(3);
        buckets.ShouldContain(b => b.Labels["le"] == "0.005", "ASP.NET Core's advised boundaries are used");
        scrape.Value($"{Duration}_sum", labels).ShouldNotBeNull().ShouldBeGreaterThan(0);
        scrape.Lines.Count(l => l == $"# TYPE {Duration} histogram").ShouldBe(1);
        scrape.Lines.Count(l => l.StartsWith($"# HELP {Duration} ", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Metrics_endpoint_answers_in_prometheus_text_format_0_0_4()
    {
        await using var app = await TelemetryTestApp.StartAsync(_ => { });

        using var response = await app.GetAsync("/metrics");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType.ShouldNotBeNull().ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
    }

    [Fact]
    public async Task Metrics_endpoint_is_anonymous_and_excluded_from_the_api_document()
    {
        await using var app = await TelemetryTestApp.StartAsync(_ => { });

        var endpoint = app.Services.GetEndpoint("/metrics");

        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().ShouldNotBeNull();
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()
            .ShouldNotBeNull().ExcludeFromDescription.ShouldBeTrue();
    }

    [Fact]
    public async Task Concurrent_scrapes_each_get_a_complete_exposition()
    {
        await using var app = await TelemetryTestApp.StartAsync(a => a.MapGet("/prom-concurrent", () => "ok").AllowAnonymous());
        using (var warmup = await app.GetAsync("/prom-concurrent"))
        {
            warmup.EnsureSuccessStatusCode();
        }

        var routeCounted = new[] { ("http_route", "/prom-concurrent") };
        await Eventually.ReturnsAsync(app.ScrapeAsync, s => s.Value($"{Duration}_count", routeCounted) == 1, "warm-up counted");

        var scrapes = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(app.ScrapeAsync)));

        foreach (var scrape in scrapes)
        {
            scrape.Value($"{Duration}_count", routeCounted).ShouldBe(1, customMessage: scrape.Text);
            scrape.Lines.Count(l => l == $"# TYPE {Duration} histogram").ShouldBe(1);
        }
    }
}
