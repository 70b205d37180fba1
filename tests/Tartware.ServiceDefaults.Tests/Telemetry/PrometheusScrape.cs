using System.Globalization;
using System.Text;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

/// <summary>A parsed exposition: tests assert on samples and labels, not on label order in a line.</summary>
internal sealed class PrometheusScrape
{
    private PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static PrometheusScrape Parse(string text) =>
        new(text, [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(ParseLine)]);

    public IReadOnlyList<PrometheusSample> Find(string name, params (string Key, string Value)[] labels) =>
        [.. Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))];

    public double? Value(string name, params (string Key, string Value)[] labels) =>
        Find(name, labels) is [var only] ? only.Value : null;

    public override string ToString() => Text;

    private static PrometheusSample ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.LastIndexOf(' ');
        var name = brace >= 0 ? line[..brace] : line[..space];
        for (var i = brace + 1; brace >= 0 && line[i] != '}';)
        {
            var equals = line.IndexOf('=', i);
            var key = line[i..equals];
            var value = new StringBuilder();
            i = equals + 2; // skip ="
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            labels[key] = value.ToString();
            i += line[i + 1] == ',' ? 2 : 1;
        }

        var raw = line[(space + 1)..];
        var number = raw switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}

internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
