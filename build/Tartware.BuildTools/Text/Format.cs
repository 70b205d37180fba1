using System.Globalization;

namespace Tartware.BuildTools.Text;

/// <summary>
/// Culture-invariant formatting: scripts/test.sh runs under de-DE, and a CI log should read the
/// same on every machine.
/// </summary>
internal static class Format
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Tenths of a percent, e.g. 583 → "58.3".</summary>
    public static string Tenths(long tenths) =>
        (tenths / 10.0).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "-",
        { TotalSeconds: < 60 } d => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        var d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.Value.TotalMinutes}m {d.Value.Seconds:00}s"),
    };

    public static void Heading(TextWriter output, string title)
    {
        output.WriteLine();
        output.WriteLine("== " + title + " " + new string('=', Math.Max(3, 72 - title.Length)));
    }
}
