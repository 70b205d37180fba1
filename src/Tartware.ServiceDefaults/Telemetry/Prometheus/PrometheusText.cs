using System.Collections;
using System.Globalization;
using System.Text;
using OpenTelemetry;

namespace Tartware.ServiceDefaults.Telemetry.Prometheus;

/// <summary>Escaping and number formatting of the text exposition format 0.0.4.</summary>
internal static class PrometheusText
{
    public static string Value(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        // "R": shortest text that round-trips, so 0.005 stays "0.005" rather than 0.0050000000000000001.
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// <c>a="1",b="2"</c> without braces, so a histogram can append <c>le</c>. Two keys that sanitize to the
    /// same label name are merged with <c>;</c> (OTel Prometheus compatibility spec): duplicates are invalid.
    /// </summary>
    public static string Labels(ReadOnlyTagCollection tags)
    {
        if (tags.Count == 0)
        {
            return string.Empty;
        }

        var labels = new List<KeyValuePair<string, string>>(tags.Count);
        foreach (var tag in tags)
        {
            var name = PrometheusNames.LabelName(tag.Key);
            var value = TagValue(tag.Value);
            var existing = labels.FindIndex(l => l.Key == name);
            if (existing < 0)
            {
                labels.Add(new(name, value));
            }
            else
            {
                labels[existing] = new(name, $"{labels[existing].Value};{value}");
            }
        }

        var builder = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            builder.Append(builder.Length > 0 ? "," : string.Empty)
                .Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return builder.ToString();
    }

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string TagValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(",", items.Cast<object?>().Select(TagValue)),
        _ => value.ToString() ?? string.Empty,
    };
}
