using System.Globalization;

namespace Tartware.Bench.Cli;

/// <summary>Durations as people type them: <c>500ms</c>, <c>20s</c>, <c>2m</c> (a bare number is seconds).</summary>
internal static class Durations
{
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        var (number, unit) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith('m') ? (t[..^1], 60.0)
            : (t, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new FormatException($"'{text}' is not a duration (e.g. 500ms, 20s, 2m)");
        }

        return TimeSpan.FromSeconds(value * unit);
    }
}
