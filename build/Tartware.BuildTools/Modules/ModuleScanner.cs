using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Tartware.BuildTools.Modules;

/// <summary>
/// Scans every project under &lt;repo&gt;/src (including src/Modules/*) so module boundaries stay
/// visible in review: how big each is, how much it exposes, what it references.
/// </summary>
internal static partial class ModuleScanner
{
    private static readonly string[] _excludedDirectories = ["bin", "obj"];

    public static IReadOnlyList<ModuleInfo> Scan(string repoRoot)
    {
        var src = Path.Combine(repoRoot, "src");
        if (!Directory.Exists(src))
        {
            return [];
        }

        var projects = Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !IsExcluded(Path.GetRelativePath(src, p)))
            .ToList();
        var projectDirectories = projects.Select(p => Path.GetDirectoryName(p)!).ToHashSet(StringComparer.Ordinal);

        return [.. projects
            .Select(p => ScanProject(p, repoRoot, projectDirectories))
            .OrderBy(m => m.RelativeDirectory, StringComparer.Ordinal)];
    }

    private static ModuleInfo ScanProject(string csproj, string repoRoot, HashSet<string> projectDirectories)
    {
        var directory = Path.GetDirectoryName(csproj)!;
        var files = SourceFiles(directory, projectDirectories).ToList();
        var lines = 0;
        var publicTypes = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            lines += CountNonBlankLines(text);
            publicTypes += CountPublicTypes(text);
        }

        return new ModuleInfo(
            Path.GetFileNameWithoutExtension(csproj),
            Path.GetRelativePath(repoRoot, directory).Replace('\\', '/'),
            files.Count,
            lines,
            publicTypes,
            ProjectReferences(csproj));
    }

    /// <summary>The project's .cs files, leaving out bin/, obj/ and any nested project's own folder.</summary>
    private static IEnumerable<string> SourceFiles(string projectDirectory, HashSet<string> projectDirectories)
    {
        var pending = new Stack<string>([projectDirectory]);
        while (pending.TryPop(out var directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs"))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                if (!_excludedDirectories.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase)
                    && !projectDirectories.Contains(child))
                {
                    pending.Push(child);
                }
            }
        }
    }

    internal static int CountNonBlankLines(string text) =>
        text.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));

    /// <summary>Declarations like <c>public sealed class</c> or <c>public readonly record struct</c>, skipping comment lines.</summary>
    internal static int CountPublicTypes(string text) =>
        text.Split('\n')
            .Where(l => !IsCommentLine(l))
            .Sum(l => PublicTypePattern().Count(l));

    internal static IReadOnlyList<string> ProjectReferences(string csproj) =>
        [.. XDocument.Load(csproj)
            .Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(i => Path.GetFileNameWithoutExtension(i.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)];

    private static bool IsExcluded(string relativePath) =>
        relativePath.Replace('\\', '/').Split('/').Any(s => _excludedDirectories.Contains(s, StringComparer.OrdinalIgnoreCase));

    private static bool IsCommentLine(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('*') || trimmed.StartsWith("/*", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bpublic\s+(?:(?:static|sealed|abstract|partial|readonly|unsafe|new|ref)\s+)*(?:class|record|interface|enum|struct)\b")]
    private static partial Regex PublicTypePattern();
}
