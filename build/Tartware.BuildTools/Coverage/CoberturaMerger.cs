using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;

namespace Tartware.BuildTools.Coverage;

/// <summary>
/// Merges coverlet Cobertura reports (one per test project) by assembly, source file and line:
/// a line is covered when any report hit it. Each report's file names are relative to its own
/// &lt;source&gt; roots, so they are resolved to full paths before merging.
/// </summary>
internal static class CoberturaMerger
{
    public const string FileName = "*.cobertura.xml";

    public static IReadOnlyList<AssemblyCoverage> Merge(IEnumerable<string> reportPaths)
    {
        var lines = new Dictionary<string, Dictionary<(string File, int Line), bool>>(StringComparer.Ordinal);
        foreach (var path in reportPaths)
        {
            try
            {
                AddReport(XDocument.Load(path), lines);
            }
            catch (XmlException e)
            {
                throw new InvalidDataException($"cannot read {path}: {e.Message}", e);
            }
        }

        return [.. lines
            .Select(a => new AssemblyCoverage(a.Key, a.Value.Count(l => l.Value), a.Value.Count))
            .OrderBy(a => a.Assembly, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every report under the results directory, each once: the TRX logger also copies a run's report
    /// into its own "…/In/&lt;machine&gt;/" folder, and identical copies would only slow the merge.
    /// </summary>
    public static IReadOnlyList<string> FindReports(string resultsDirectory) =>
        Directory.Exists(resultsDirectory)
            ? [.. Directory.EnumerateFiles(resultsDirectory, FileName, SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .DistinctBy(p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))))]
            : [];

    private static void AddReport(XDocument report, Dictionary<string, Dictionary<(string, int), bool>> lines)
    {
        var sources = report.Descendants("source").Select(s => s.Value.Trim()).Where(s => s.Length > 0).ToList();
        foreach (var package in report.Descendants("package"))
        {
            var assembly = (string?)package.Attribute("name") ?? "(unnamed)";
            if (!lines.TryGetValue(assembly, out var assemblyLines))
            {
                assemblyLines = [];
                lines[assembly] = assemblyLines;
            }

            foreach (var @class in package.Descendants("class"))
            {
                var file = Resolve((string?)@class.Attribute("filename") ?? "", sources);
                // Class-level <lines> only: <method><lines> repeat the same lines.
                foreach (var line in @class.Elements("lines").Elements("line"))
                {
                    if (!int.TryParse((string?)line.Attribute("number"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                    {
                        continue;
                    }

                    var hit = long.TryParse((string?)line.Attribute("hits"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var hits) && hits > 0;
                    var key = (file, number);
                    assemblyLines[key] = hit || assemblyLines.GetValueOrDefault(key);
                }
            }
        }
    }

    private static string Resolve(string fileName, List<string> sources)
    {
        var normalized = fileName.Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || sources.Count == 0)
        {
            return Normalize(normalized);
        }

        // With several roots coverlet names the file relative to one of them; the one where it exists wins.
        var candidates = sources.Select(s => Normalize(Path.Combine(s, normalized))).ToList();
        return candidates.FirstOrDefault(File.Exists) ?? candidates[0];
    }

    // GetFullPath folds "a/../b"; only for paths rooted on this OS, so a Windows path read on Linux is left alone.
    private static string Normalize(string path) =>
        (Path.IsPathRooted(path) ? Path.GetFullPath(path) : path).Replace('\\', '/');
}
