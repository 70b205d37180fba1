using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tartware.BuildTools.Coverage;

/// <summary>
/// build/coverage-baseline.json: <c>{"assemblies": {"Tartware.ServiceDefaults": 61}}</c>, whole percent
/// per assembly. A ratchet: <see cref="Ratchet"/> only ever raises entries.
/// </summary>
internal sealed class CoverageBaseline
{
    public const string RelativePath = "build/coverage-baseline.json";

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, IndentSize = 2 };

    public CoverageBaseline(IEnumerable<KeyValuePair<string, int>> assemblies) =>
        Assemblies = new SortedDictionary<string, int>(assemblies.ToDictionary(), StringComparer.Ordinal);

    public SortedDictionary<string, int> Assemblies { get; }

    public static string PathIn(string repoRoot) => Path.Combine(repoRoot, RelativePath);

    /// <summary>Reads the file; a missing file is an empty baseline. Throws <see cref="InvalidDataException"/> when malformed.</summary>
    public static CoverageBaseline Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CoverageBaseline([]);
        }

        try
        {
            var file = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path), _json);
            return new CoverageBaseline(file?.Assemblies ?? new Dictionary<string, int>());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid coverage baseline: {e.Message}", e);
        }
    }

    public void Save(string path)
    {
        var text = JsonSerializer.Serialize(new BaselineFile(Assemblies), _json);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>Raises each entry to the floor of its measured percent and adds new assemblies; never lowers.</summary>
    /// <returns>The entries that changed, as (assembly, old or null, new).</returns>
    public IReadOnlyList<(string Assembly, int? Old, int New)> Ratchet(IEnumerable<AssemblyCoverage> measured)
    {
        var changes = new List<(string, int?, int)>();
        foreach (var coverage in measured)
        {
            int? old = Assemblies.TryGetValue(coverage.Assembly, out var o) ? o : null;
            if (old is null || coverage.FloorPercent > old)
            {
                Assemblies[coverage.Assembly] = coverage.FloorPercent;
                changes.Add((coverage.Assembly, old, coverage.FloorPercent));
            }
        }

        return changes;
    }

    private sealed record BaselineFile([property: JsonPropertyName("assemblies")] IDictionary<string, int>? Assemblies);
}
