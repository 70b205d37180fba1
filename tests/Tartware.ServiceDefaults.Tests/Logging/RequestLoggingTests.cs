using System.Net;
using System.Text.Json;
using Shouldly;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

/// <summary>Request logging and correlation over real HTTP (Kestrel on a free port), with the real log output.</summary>
public sealed class RequestLoggingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correlation_id_is_generated_echoed_scoped_tagged_and_logged_with_the_route_template()
    {
        await using var host = await RequestLoggingHost.StartAsync();

        using var response = await host.Client.GetAsync("/reservations/42", Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = response.Headers.GetValues(CorrelationId.HeaderName).ShouldHaveSingleItem();
        id.ShouldMatch("^[0-9a-f]{32}$");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        body.GetProperty("tag").GetString().ShouldBe(id);
        body.GetProperty("baggage").GetString().ShouldBe(id);

        var json = LogJson.Parse(await host.RequestLineAsync(id));
        json.GetProperty("level").GetString().ShouldBe("Information");
        json.Property("Method").ShouldBe("GET");
        json.Property("Route").ShouldBe("/reservations/{id}");
        json.Property("StatusCode").ShouldBe("200");
        json.GetProperty("properties").GetProperty("DurationMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        json.GetProperty("scopes").GetProperty("correlationId").GetString().ShouldBe(id);
        json.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_well_formed_incoming_correlation_id_is_kept()
    {
        await using var host = await RequestLoggingHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reservations/7");
        request.Headers.Add(CorrelationId.HeaderName, "partner-42.batch_7:retry-1");

        using var response = await host.Client.SendAsync(request, Cancel);

        response.Headers.GetValues(CorrelationId.HeaderName).ShouldHaveSingleItem().ShouldBe("partner-42.batch_7:retry-1");
        LogJson.Parse(await host.RequestLineAsync("partner-42.batch_7:retry-1")).Property("Route").ShouldBe("/reservations/{id}");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("quote\"d")]
    [InlineData("semi;colon<script>")]
    [InlineData("")]
    [InlineData("a-129-characters-long-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_malformed_correlation_id_is_replaced_never_echoed(string garbage)
    {
        await using var host = await RequestLoggingHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reservations/9");
        request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, garbage);

        using var response = await host.Client.SendAsync(request, Cancel);

        var id = response.Headers.GetValues(CorrelationId.HeaderName).ShouldHaveSingleItem();
        id.ShouldMatch("^[0-9a-f]{32}$");
        await host.RequestLineAsync(id);
        if (garbage.Length > 0)
        {
            host.Output.Lines.ShouldAllBe(line => !line.Contains(garbage, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Secrets_in_the_query_string_never_reach_the_logs()
    {
        await using var host = await RequestLoggingHost.StartAsync(minimumLevel: "Trace");

        using var response = await host.Client.GetAsync("/reservations/42?access_token=tok-SECRET-123&password=hunter2&guest=anna%40example.com", Cancel);

        var id = response.Headers.GetValues(CorrelationId.HeaderName).Single();
        var json = LogJson.Parse(await host.RequestLineAsync(id));
        json.Property("Route").ShouldBe("/reservations/{id}");
        host.Output.Lines.Count.ShouldBeGreaterThan(1, "ASP.NET Core's own request logs are captured as well");
        foreach (var line in host.Output.Lines)
        {
            line.ShouldNotLeak("tok-SECRET-123", "hunter2", "anna%40example.com");
        }
    }

    [Fact]
    public async Task A_failing_request_is_logged_as_an_error_with_its_route_and_the_id_survives_the_exception_handler()
    {
        await using var host = await RequestLoggingHost.StartAsync();

        using var response = await host.Client.GetAsync("/guests/5/fail", Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var id = response.Headers.GetValues(CorrelationId.HeaderName).ShouldHaveSingleItem();
        var json = LogJson.Parse(await host.RequestLineAsync(id));
        json.GetProperty("level").GetString().ShouldBe("Error");
        json.Property("Route").ShouldBe("/guests/{id}/fail");
        json.Property("StatusCode").ShouldBe("500");
        var exceptionLine = await host.Output.WaitForLineAsync(l => l.Contains("\"exception\"", StringComparison.Ordinal));
        exceptionLine.ShouldNotLeak("anna@example.com");
        LogJson.Parse(exceptionLine).GetProperty("scopes").GetProperty("correlationId").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task Unmatched_paths_are_logged_as_unmatched_without_the_path()
    {
        await using var host = await RequestLoggingHost.StartAsync();

        using var response = await host.Client.GetAsync("/guests/anna@example.com/secret-stuff", Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var json = LogJson.Parse(await host.RequestLineAsync(response.Headers.GetValues(CorrelationId.HeaderName).Single()));
        json.Property("Route").ShouldBe("unmatched");
        json.Message().ShouldNotContain("secret-stuff");
        json.GetProperty("properties").ToString().ShouldNotContain("secret-stuff");
        host.Output.Lines.ShouldAllBe(l => !l.Contains("anna@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Probes_are_logged_at_debug_only()
    {
        await using (var verbose = await RequestLoggingHost.StartAsync(minimumLevel: "Debug"))
        {
            using var response = await verbose.Client.GetAsync("/health/live", Cancel);
            var line = await verbose.RequestLineAsync(response.Headers.GetValues(CorrelationId.HeaderName).Single());
            LogJson.Parse(line).GetProperty("level").GetString().ShouldBe("Debug");
        }

        await using var quiet = await RequestLoggingHost.StartAsync(minimumLevel: "Information");
        using var probe = await quiet.Client.GetAsync("/health/live", Cancel);
        using var normal = await quiet.Client.GetAsync("/reservations/1", Cancel);
        await quiet.RequestLineAsync(normal.Headers.GetValues(CorrelationId.HeaderName).Single());
        var probeId = probe.Headers.GetValues(CorrelationId.HeaderName).Single();
        quiet.Output.Lines.Where(l => l.Contains(probeId, StringComparison.Ordinal)).Select(LogJson.Parse)
            .ShouldAllBe(l => l.GetProperty("category").GetString() != RequestLoggingMiddleware.Category);
    }
}
