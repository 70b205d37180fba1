using System.Globalization;
using System.Security;
using System.Text;

namespace Tartware.Bench.Reports;

/// <summary>
/// Two stacked panels over the run's seconds: latency percentiles (p50/p90/p99, ms) and throughput
/// (answered/s, errors/s), with a dashed line at every kill. Hand-written SVG: no plotting package is
/// on the feed and a few polylines do not need one.
/// </summary>
internal static class SvgPlot
{
    private const int Width = 900;
    private const int PanelHeight = 220;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Gap = 60;

    public static string Render(string title, IReadOnlyList<TimelinePoint> points, IReadOnlyList<KillReport> kills)
    {
        var sb = new StringBuilder();
        var height = Top + (2 * PanelHeight) + Gap + 50;
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"22\" font-size=\"15\">{Escape(title)}</text>\n");
        var seconds = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Second) + 1);
        var warmupEnd = points.Where(p => p.Warmup).Select(p => p.Second + 1).DefaultIfEmpty(0).Max();
        Panel(sb, Top, "latency (ms)", seconds, warmupEnd, points, p => p.Second, kills,
            [("p50", "#2b8a3e", p => p.P50Ms), ("p90", "#e67700", p => p.P90Ms), ("p99", "#c92a2a", p => p.P99Ms)]);
        Panel(sb, Top + PanelHeight + Gap, "per second", seconds, warmupEnd, points, p => p.Second, kills,
            [("answered/s", "#1864ab", p => p.Ok), ("errors/s", "#c92a2a", p => p.Errors)]);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">seconds of intended send time (shaded: warm-up, dashed: kill)</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>
    /// The reservation pipeline over the run: accept → APPLIED p99 of the sampled creates by the second they were received, and per
    /// second the creates accepted and applied with the outbox backlog and consumer lag sampled from <c>/health/reliability</c>.
    /// </summary>
    public static string RenderPipeline(string title, PipelineReport pipeline, double warmupSeconds, IReadOnlyList<KillReport> kills)
    {
        var sb = new StringBuilder();
        var height = Top + (2 * PanelHeight) + Gap + 50;
        var points = pipeline.Timeline;
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"22\" font-size=\"15\">{Escape(title)}</text>\n");
        var seconds = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Second) + 1);
        var warmupEnd = (int)Math.Ceiling(warmupSeconds);
        Panel(sb, Top, "accept → APPLIED p99 (ms)", seconds, warmupEnd, points, p => p.Second, kills, [("e2e p99", "#c92a2a", p => p.EndToEndP99Ms)]);
        Panel(sb, Top + PanelHeight + Gap, "per second / rows", seconds, warmupEnd, points, p => p.Second, kills,
            [("accepted/s", "#868e96", p => p.Accepted), ("applied/s", "#1864ab", p => p.Applied), ("outbox backlog", "#e67700", p => p.OutboxBacklog),
             ("consumer lag", "#9c36b5", p => p.ConsumerLag)]);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">seconds from the start of the load (shaded: warm-up, dashed: fault)</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Panel<T>(StringBuilder sb, int top, string label, int seconds, int warmupEnd, IReadOnlyList<T> points, Func<T, int> second,
        IReadOnlyList<KillReport> kills, (string Name, string Color, Func<T, double?> Value)[] series)
    {
        var plotWidth = Width - Left - Right;
        var max = Math.Max(1e-3, series.SelectMany(s => points.Select(p => s.Value(p) ?? 0)).DefaultIfEmpty(1).Max()) * 1.1;
        double X(double sec) => Left + (sec / seconds * plotWidth);
        double Y(double value) => top + PanelHeight - (value / max * PanelHeight);

        if (warmupEnd > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{X(warmupEnd) - Left:F1}\" height=\"{PanelHeight}\" fill=\"#f1f3f5\"/>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#868e96\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{top - 8}\">{Escape(label)}</text>\n");
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:F1}\" text-anchor=\"end\">{value:G3}</text>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(value):F1}\" y2=\"{Y(value):F1}\" stroke=\"#e9ecef\"/>\n");
        }

        for (var s = 0; s <= seconds; s += Math.Max(1, seconds / 10))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(s):F1}\" y=\"{top + PanelHeight + 16}\" text-anchor=\"middle\">{s}</text>\n");
        }

        foreach (var kill in kills)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(kill.AtSeconds):F1}\" x2=\"{X(kill.AtSeconds):F1}\" y1=\"{top}\" y2=\"{top + PanelHeight}\" stroke=\"#495057\" stroke-dasharray=\"4 3\"/>\n");
            if (kill.Kind == "broker-outage")
            {
                // An outage has a length: shade it.
                var end = X(kill.AtSeconds + (kill.ReadyAfterMs / 1000));
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{X(kill.AtSeconds):F1}\" y=\"{top}\" width=\"{end - X(kill.AtSeconds):F1}\" height=\"{PanelHeight}\" fill=\"#495057\" fill-opacity=\"0.08\"/>\n");
            }
        }

        var legendX = Left + 10;
        foreach (var (name, color, value) in series)
        {
            // Seconds without a value (no sample received then) are left out of the line rather than drawn as zero.
            var coords = string.Join(' ', points.Where(p => value(p) is not null)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(second(p) + 0.5):F1},{Y(value(p)!.Value):F1}")));
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.8\" points=\"{coords}\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX}\" y=\"{top + 16}\" fill=\"{color}\">{Escape(name)}</text>\n");
            legendX += 20 + (7 * name.Length);
        }
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
