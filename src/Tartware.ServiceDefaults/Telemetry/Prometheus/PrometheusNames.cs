using System.Text;

namespace Tartware.ServiceDefaults.Telemetry.Prometheus;

/// <summary>
/// OpenTelemetry names and units to Prometheus names, following the OTel spec "Prometheus and OpenMetrics
/// Compatibility": invalid characters become <c>_</c>, the UCUM unit becomes a suffix, counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> _units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tebibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> _perUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, isMetricName: true);
        if (isCounter && name.EndsWith("_total", StringComparison.Ordinal))
        {
            // Re-added after the unit, so "bytes_total" never becomes "bytes_total_bytes_total".
            name = name[..^"_total".Length];
        }

        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = $"{name}_{suffix}";
        }

        return isCounter ? name + "_total" : name;
    }

    public static string LabelName(string key)
    {
        var name = Sanitize(key, isMetricName: false);
        // Prometheus reserves names starting with "__" for its own labels.
        return name.StartsWith("__", StringComparison.Ordinal) ? "key" + name : name;
    }

    public static string UnitSuffix(string? unit)
    {
        var stripped = StripAnnotations(unit);
        if (stripped.Length == 0 || stripped == "1")
        {
            return string.Empty;
        }

        var slash = stripped.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Unit(stripped);
        }

        var denominator = stripped[(slash + 1)..];
        var per = _perUnits.TryGetValue(denominator, out var known) ? known : Unit(denominator);
        var numerator = stripped[..slash];
        return numerator.Length == 0 ? "per_" + per : $"{Unit(numerator)}_per_{per}";
    }

    private static string Unit(string unit) =>
        _units.TryGetValue(unit, out var known) ? known : Sanitize(unit, isMetricName: false).Trim('_');

    /// <summary>UCUM annotations such as <c>{request}</c> describe what is counted, not a unit.</summary>
    private static string StripAnnotations(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            depth += c == '{' ? 1 : 0;
            if (depth == 0)
            {
                builder.Append(c);
            }

            depth -= c == '}' && depth > 0 ? 1 : 0;
        }

        return builder.ToString().Trim();
    }

    private static string Sanitize(string value, bool isMetricName)
    {
        var builder = new StringBuilder(value.Length + 1);
        foreach (var c in value)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (isMetricName && c == ':');
            var next = valid ? c : '_';
            // The spec collapses runs of '_' in metric names ("a..b" -> "a_b").
            if (isMetricName && next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
