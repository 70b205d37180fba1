using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Tartware.ServiceDefaults.Telemetry;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with an ephemeral port, wired with AddTartwareTelemetry, the probe
/// suppression middleware and /metrics, plus a real HttpClient. Every test starts its own.
/// </summary>
internal sealed class TelemetryTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TelemetryTestApp(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TelemetryTestApp> StartAsync(
        Action<WebApplication> map,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<TracerProviderBuilder>? configureTracing = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddTartwareTelemetry(builder.Configuration, "tartware-tests", configureTracing, configureMetrics: null);

        var app = builder.Build();
        app.UseProbeTraceSuppression();
        map(app);
        app.MapPrometheusMetrics();
        await app.StartAsync(TestContext.Current.CancellationToken);

        return new TelemetryTestApp(app, CreateClient(new Uri(app.Urls.Single())));
    }

    /// <summary>
    /// The client must not inject its own trace context: tests choose the traceparent header themselves, and
    /// every provider in this process (one per test host) listens to System.Net.Http.
    /// </summary>
    public static HttpClient CreateClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async Task<HttpResponseMessage> GetAsync(string path, ActivityTraceId? traceId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (traceId is { } id)
        {
            // A sampled upstream parent: suppression must win even over the caller's "record" decision.
            request.Headers.Add("traceparent", $"00-{id.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<PrometheusScrape> ScrapeAsync()
    {
        using var response = await GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
