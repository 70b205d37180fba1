using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// Providers only listen once they exist. Startup filters run while the web host builds its pipeline,
/// before Kestrel accepts a connection, so taking the providers here means the very first request is
/// traced and measured (hosted services added by us start after the web server). The filter also puts
/// span enrichment in front of every other middleware, so it sees the final status of every request.
/// </summary>
internal sealed class TelemetryStartupFilter(TracerProvider tracerProvider, MeterProvider meterProvider) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        GC.KeepAlive(tracerProvider);
        GC.KeepAlive(meterProvider);
        return app =>
        {
            app.Use(ServerSpanEnrichment.InvokeAsync);
            next(app);
        };
    }
}

/// <summary>The same guarantee for worker hosts that have no HTTP pipeline (and so run no startup filter).</summary>
internal sealed class TelemetryProvidersActivator(TracerProvider tracerProvider, MeterProvider meterProvider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(tracerProvider);
        GC.KeepAlive(meterProvider);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
