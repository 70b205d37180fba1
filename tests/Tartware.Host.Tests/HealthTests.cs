using System.Net;
using System.Text.Json;
using Tartware.Host.Tests.Infrastructure;

namespace Tartware.Host.Tests;

public sealed class HealthTests(HostFixture host)
{
    [Fact]
    public async Task Live_answers_without_touching_dependencies()
    {
        var response = await host.Client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_names_every_dependency_with_its_latency()
    {
        var response = await host.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateArray().ToList();
        var names = checks.Select(c => c.GetProperty("name").GetString()).ToList();
        names.ShouldContain("postgres");
        names.ShouldContain("redis");
        names.ShouldContain("kafka");
        checks.ShouldAllBe(c => c.GetProperty("status").GetString() == "Healthy");
        checks.ShouldAllBe(c => c.GetProperty("durationMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task Ready_reports_degraded_and_names_redis_when_it_is_down()
    {
        await using var app = await HostFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=500",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // Redis is degradable (caches fall through, limits fall back in-process): still 200, but Degraded.
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetString().ShouldBe("Degraded");
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        checks["redis"].ShouldBe("Degraded");
        checks["postgres"].ShouldBe("Healthy");
        body.ShouldNotContain("password");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ready_is_503_when_postgres_is_unreachable()
    {
        await using var app = await HostFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=tartware;Username=tartware_app;Timeout=1",
            ["Logging:LogLevel:Default"] = "Critical",
        });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        body.ShouldContain("\"name\":\"postgres\",\"status\":\"Unhealthy\"");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Metrics_expose_http_request_duration_and_count()
    {
        // Own host: OpenTelemetry drops a metric stream from every provider in the process when any
        // same-named instrument is disposed, so another test's host shutting down could hide it.
        await using var app = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var text = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        text.ShouldContain("http_server_request_duration_seconds_count{");
        text.ShouldContain("http_server_request_duration_seconds_bucket{");
    }
}
