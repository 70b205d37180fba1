using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tartware.ServiceDefaults.Migrations;

/// <summary>One versioned SQL file of a module, e.g. <c>0003_add_rate_restrictions.sql</c>.</summary>
public sealed partial record MigrationScript(string Module, int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalized, so a checkout on another OS still matches.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal))));

    /// <summary>Scripts that must run outside a transaction (CREATE INDEX CONCURRENTLY) start with this line.</summary>
    public bool RunsInTransaction => !Sql.TrimStart().StartsWith("-- tartware:no-transaction", StringComparison.Ordinal);

    /// <summary>Display name, e.g. <c>identity/0003_add_x.sql</c>.</summary>
    public override string ToString() => $"{Module}/{Version:0000}_{Name}.sql";

    /// <summary>Parses a file name such as <c>0001_init.sql</c>; null when it is not a migration.</summary>
    public static MigrationScript? TryCreate(string module, string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        return match.Success
            ? new MigrationScript(module, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, sql)
            : null;
    }

    /// <summary>Reads the scripts embedded in an assembly under <paramref name="folder"/> (default <c>Migrations</c>).</summary>
    public static IReadOnlyList<MigrationScript> FromAssembly(string module, Assembly assembly, string folder = "Migrations")
    {
        var marker = "." + folder.Replace('/', '.') + ".";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.LastIndexOf(marker, StringComparison.Ordinal);
            var fileName = at < 0 ? null : resource[(at + marker.Length)..];
            if (fileName is null || fileName.Count(c => c == '.') != 1)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var script = TryCreate(module, fileName, reader.ReadToEnd())
                ?? throw new InvalidOperationException($"Embedded migration '{resource}' is not named NNNN_name.sql.");
            scripts.Add(script);
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Module '{module}' has two migrations with version {duplicate.Key}.");
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}

/// <summary>A module's migrations: its schema and ordered scripts. Registered by each module's Add method.</summary>
/// <param name="Module">Module name used in the journal.</param>
/// <param name="Schema">PostgreSQL schema the module owns.</param>
/// <param name="Order">Modules migrate in ascending order (dependencies first).</param>
/// <param name="Scripts">The module's scripts.</param>
public sealed record ModuleMigrations(string Module, string Schema, int Order, IReadOnlyList<MigrationScript> Scripts);
