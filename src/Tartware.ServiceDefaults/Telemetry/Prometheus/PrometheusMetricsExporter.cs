using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Tartware.ServiceDefaults.Telemetry.Prometheus;

/// <summary>
/// Pull exporter behind <c>/metrics</c>. Why an OpenTelemetry reader rather than our own MeterListener: the
/// SDK already does lock-free aggregation, histogram bucket advice, cardinality limits and observable
/// callbacks, and shares instrument selection with OTLP; all we add is the text rendering.
/// Marked pull-only, so the SDK hands it data only inside <see cref="Scrape"/> (never on ForceFlush).
/// </summary>
[ExportModes(ExportModes.Pull)]
internal sealed class PrometheusMetricsExporter : BaseExporter<Metric>, IPullMetricExporter
{
    private readonly Lock _scrapeLock = new();
    private string? _payload;

    /// <summary>Set by <see cref="BaseExportingMetricReader"/>; null once the provider is disposed.</summary>
    public Func<int, bool>? Collect { get; set; }

    /// <summary>
    /// Collects and renders one snapshot; null when the provider is shut down or collection failed.
    /// Scrapes are serialized: the SDK folds concurrent Collect calls into one export, which would hand the
    /// rendered text to only one caller. Collection takes milliseconds and scrapes come seconds apart.
    /// </summary>
    public string? Scrape(int timeoutMilliseconds)
    {
        lock (_scrapeLock)
        {
            _payload = null;
            var collect = Collect;
            if (collect is null || !collect(timeoutMilliseconds))
            {
                return null;
            }

            return _payload;
        }
    }

    /// <summary>
    /// Runs on the scraping thread inside <see cref="Scrape"/>. The batch and its metric points are only
    /// valid during this call, so they are rendered here rather than kept.
    /// </summary>
    public override ExportResult Export(in Batch<Metric> batch)
    {
        _payload = PrometheusTextWriter.Render(batch);
        return ExportResult.Success;
    }
}
