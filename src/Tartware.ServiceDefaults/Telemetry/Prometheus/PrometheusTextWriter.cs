using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Tartware.ServiceDefaults.Telemetry.Prometheus;

/// <summary>
/// Renders one collected batch as Prometheus text exposition format 0.0.4. Samples of one family are
/// written together under a single <c># HELP</c>/<c># TYPE</c> pair, even when two instruments (say, the
/// same name in two meters) map to the same Prometheus name, because Prometheus rejects repeated families.
/// </summary>
internal static class PrometheusTextWriter
{
    public static string Render(in Batch<Metric> batch)
    {
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var ordered = new List<PrometheusFamily>();
        foreach (var metric in batch)
        {
            if (KindOf(metric.MetricType) is not { } kind)
            {
                continue;
            }

            var name = PrometheusNames.MetricName(metric.Name, metric.Unit, kind == PrometheusKind.Counter);
            if (!families.TryGetValue(name, out var family))
            {
                family = new PrometheusFamily(name, kind, string.IsNullOrEmpty(metric.Description) ? metric.Name : metric.Description);
                families.Add(name, family);
                ordered.Add(family);
            }
            else if (family.Kind != kind)
            {
                // Same name, different type: a family cannot mix them, so the first one wins.
                continue;
            }

            WritePoints(family, metric);
        }

        var output = new StringBuilder();
        foreach (var family in ordered)
        {
            output.Append("# HELP ").Append(family.Name).Append(' ').Append(PrometheusText.EscapeHelp(family.Help)).Append('\n');
            output.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.TypeName).Append('\n');
            output.Append(family.Samples);
        }

        return output.ToString();
    }

    /// <summary>
    /// Up-down counters are not monotonic, so Prometheus must see them as gauges. Exponential histograms
    /// are only produced when a view asks for them, which we never do.
    /// </summary>
    private static PrometheusKind? KindOf(MetricType type) => type switch
    {
        MetricType.LongSum or MetricType.DoubleSum => PrometheusKind.Counter,
        MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic
            or MetricType.LongGauge or MetricType.DoubleGauge => PrometheusKind.Gauge,
        MetricType.Histogram => PrometheusKind.Histogram,
        _ => null,
    };

    private static void WritePoints(PrometheusFamily family, Metric metric)
    {
        var samples = family.Samples;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = PrometheusText.Labels(point.Tags);
            if (family.Kind != PrometheusKind.Histogram)
            {
                var value = metric.MetricType switch
                {
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => PrometheusText.Value(point.GetSumLong()),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => PrometheusText.Value(point.GetSumDouble()),
                    MetricType.LongGauge => PrometheusText.Value(point.GetGaugeLastValueLong()),
                    _ => PrometheusText.Value(point.GetGaugeLastValueDouble()),
                };
                AppendSample(samples, family.Name, labels, null, value);
                continue;
            }

            // OpenTelemetry keeps per-bucket counts; Prometheus buckets are cumulative ("le" = less or equal),
            // and the last bucket is +Inf, so the +Inf sample always equals _count.
            long cumulative = 0;
            foreach (var bucket in point.GetHistogramBuckets())
            {
                cumulative += bucket.BucketCount;
                var le = $"le=\"{PrometheusText.Value(bucket.ExplicitBound)}\"";
                AppendSample(samples, family.Name + "_bucket", labels, le, PrometheusText.Value(cumulative));
            }

            AppendSample(samples, family.Name + "_sum", labels, null, PrometheusText.Value(point.GetHistogramSum()));
            AppendSample(samples, family.Name + "_count", labels, null, PrometheusText.Value(point.GetHistogramCount()));
        }
    }

    private static void AppendSample(StringBuilder samples, string name, string labels, string? extraLabel, string value)
    {
        samples.Append(name);
        if (labels.Length > 0 || extraLabel is not null)
        {
            samples.Append('{').Append(labels);
            if (extraLabel is not null)
            {
                samples.Append(labels.Length > 0 ? "," : string.Empty).Append(extraLabel);
            }

            samples.Append('}');
        }

        samples.Append(' ').Append(value).Append('\n');
    }
}

internal enum PrometheusKind
{
    Counter,
    Gauge,
    Histogram,
}

internal sealed class PrometheusFamily(string name, PrometheusKind kind, string help)
{
    public string Name { get; } = name;

    public PrometheusKind Kind { get; } = kind;

    public string Help { get; } = help;

    public string TypeName => Kind switch
    {
        PrometheusKind.Counter => "counter",
        PrometheusKind.Gauge => "gauge",
        _ => "histogram",
    };

    public StringBuilder Samples { get; } = new();
}
