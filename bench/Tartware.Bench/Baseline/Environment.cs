using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Tartware.Bench.Platform;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Baseline;

/// <summary>
/// What every report states about where it ran: machine, git revision, PostgreSQL settings, and the
/// pgbench TPC-B-like baseline of the same database at that moment. PostgreSQL is reached through
/// the libpq <c>PG*</c> environment variables that <c>scripts/bench.sh</c> exports.
/// </summary>
internal static partial class BenchEnvironment
{
    private static readonly string[] Settings = ["shared_buffers", "max_connections", "synchronous_commit", "fsync", "full_page_writes", "server_version"];

    public static MachineInfo Machine()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = long.TryParse((ReadFirst("/proc/meminfo", "MemTotal") ?? "0").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], out var kb) ? kb : 0;
        return new MachineInfo(Environment.ProcessorCount, cpu, memKb / 1024, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            "Shared machine: load generator, platform, PostgreSQL, Redis and the dev broker are co-located, and another engineer may be using the cores.",
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null);
    }

    public static async Task<GitInfo> GitAsync(string repo, CancellationToken cancellationToken)
    {
        var (rc, rev, _) = await ProcessRunner.RunAsync("git", ["-C", repo, "rev-parse", "HEAD"], cancellationToken);
        var (_, status, _) = await ProcessRunner.RunAsync("git", ["-C", repo, "status", "--porcelain", "--untracked-files=no"], cancellationToken);
        return new GitInfo(rc == 0 ? rev.Trim() : "unknown", status.Trim().Length > 0);
    }

    public static async Task<IReadOnlyDictionary<string, string>> PostgresSettingsAsync(string pgBin, string database, CancellationToken cancellationToken)
    {
        var list = string.Join(',', Settings.Select(s => $"'{s}'"));
        var (rc, output, error) = await ProcessRunner.RunAsync(Path.Combine(pgBin, "psql"),
            ["-d", database, "-Atc", $"select name || '=' || setting || coalesce(unit, '') from pg_settings where name in ({list}) order by name"], cancellationToken);
        if (rc != 0)
        {
            return new SortedDictionary<string, string>(StringComparer.Ordinal) { ["error"] = error.Trim() };
        }

        return new SortedDictionary<string, string>(
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]), StringComparer.Ordinal);
    }

    /// <summary>Clears <c>pg_stat_statements</c> so the profile covers the scenario only; false when the extension is not loaded.</summary>
    public static async Task<bool> ResetStatementsAsync(string pgBin, string database, CancellationToken cancellationToken)
    {
        var (rc, _, _) = await ProcessRunner.RunAsync(Path.Combine(pgBin, "psql"), ["-d", database, "-Atc", "select pg_stat_statements_reset()"], cancellationToken);
        return rc == 0;
    }

    /// <summary>The statements that took the most server time since the reset (where the database's share of the run went).</summary>
    public static async Task<IReadOnlyList<StatementProfile>> TopStatementsAsync(string pgBin, string database, int count, CancellationToken cancellationToken)
    {
        var sql = $"""
            select calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows, left(regexp_replace(query, '\s+', ' ', 'g'), 400)
            from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
            order by total_exec_time desc limit {count.ToString(CultureInfo.InvariantCulture)}
            """;
        var (rc, output, _) = await ProcessRunner.RunAsync(Path.Combine(pgBin, "psql"), ["-d", database, "-At", "-F", "", "-c", sql], cancellationToken);
        if (rc != 0)
        {
            return [];
        }

        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\u001f')).Where(p => p.Length == 5).Select(p => new StatementProfile(
            long.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture),
            long.Parse(p[3], CultureInfo.InvariantCulture), p[4]))];
    }

    /// <summary>pgbench's built-in TPC-B-like script on its own database of the same server (initialised each run).</summary>
    public static async Task<PgbenchBaseline> PgbenchAsync(string pgBin, string database, int clients, int seconds, CancellationToken cancellationToken)
    {
        const int Scale = 10;
        var pgbench = Path.Combine(pgBin, "pgbench");
        var (rc, _, error) = await ProcessRunner.RunAsync(pgbench, ["-i", "-q", "-s", Scale.ToString(CultureInfo.InvariantCulture), database], cancellationToken);
        if (rc != 0)
        {
            throw new InvalidOperationException($"pgbench -i failed: {error}");
        }

        var (runRc, output, runError) = await ProcessRunner.RunAsync(pgbench,
            ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
             "-T", seconds.ToString(CultureInfo.InvariantCulture), database], cancellationToken);
        if (runRc != 0)
        {
            throw new InvalidOperationException($"pgbench failed: {runError}");
        }

        return ParsePgbench(output, clients, seconds, Scale);
    }

    internal static PgbenchBaseline ParsePgbench(string output, int clients, int seconds, int scale)
    {
        var tps = TpsLine().Match(output);
        var latency = LatencyLine().Match(output);
        return new PgbenchBaseline(clients, seconds, scale,
            tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            "tpcb-like");
    }

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?.Split(':', 2)[1].Trim();
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyLine();
}
