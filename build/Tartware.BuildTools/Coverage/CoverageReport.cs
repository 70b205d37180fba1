using Tartware.BuildTools.Text;

namespace Tartware.BuildTools.Coverage;

/// <summary>Merges the coverage reports, prints line coverage per assembly and applies the baseline ratchet.</summary>
internal static class CoverageReport
{
    /// <returns>False when coverage fell below a baseline or could not be checked.</returns>
    public static bool Run(ReportOptions options, string toolCommand, TextWriter output)
    {
        Format.Heading(output, "Coverage (lines)");
        var baselinePath = CoverageBaseline.PathIn(options.RepoRoot);
        CoverageBaseline baseline;
        IReadOnlyList<string> reports;
        IReadOnlyList<AssemblyCoverage> measured;
        try
        {
            reports = CoberturaMerger.FindReports(options.ResultsDirectory);
            baseline = CoverageBaseline.Load(baselinePath);
            measured = CoberturaMerger.Merge(reports);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine("ERROR " + e.Message);
            return false;
        }

        if (reports.Count == 0)
        {
            output.WriteLine($"no {CoberturaMerger.FileName} under {options.ResultsDirectory}: coverage was not collected");
            if (baseline.Assemblies.Count == 0)
            {
                return true;
            }

            // With a baseline to keep, an unmeasured run must not pass silently.
            output.WriteLine($"ERROR {CoverageBaseline.RelativePath} has {Format.Int(baseline.Assemblies.Count)} assemblies to check and nothing was measured");
            return false;
        }

        output.WriteLine($"merged {Format.Int(reports.Count)} coverage report(s)");
        var comparison = CoverageComparison.Compare(measured, baseline);
        PrintTable(comparison, output);
        PrintFindings(comparison, output);

        if (options.UpdateBaseline)
        {
            UpdateBaseline(baseline, measured, baselinePath, output);
        }
        else if (comparison.WorthRatcheting)
        {
            output.WriteLine();
            output.WriteLine("hint: coverage is at least one point above the baseline (or an assembly is new); ratchet it with:");
            output.WriteLine($"  {toolCommand} report --results {Cli.Quote(options.ResultsDirectory)} --repo {Cli.Quote(options.RepoRoot)} --update-baseline");
        }

        return !comparison.Failed;
    }

    private static void PrintTable(CoverageComparison comparison, TextWriter output)
    {
        var table = new TextTable(("Assembly", false), ("Covered", true), ("Total", true), ("Line %", true), ("Baseline", true), ("Status", false));
        foreach (var row in comparison.Rows)
        {
            var c = row.Coverage;
            var status = row.Status switch
            {
                CoverageStatus.Fell => "FELL",
                CoverageStatus.New => "new",
                _ => row.CanRatchet ? "ok (can ratchet)" : "ok",
            };
            var baselineCell = row.Baseline is { } b ? Format.Int(b) + " %" : "-";
            table.AddRow(c.Assembly, Format.Int(c.Covered), Format.Int(c.Total), Format.Tenths(c.FloorTenths) + " %", baselineCell, status);
        }

        table.WriteTo(output);
    }

    private static void PrintFindings(CoverageComparison comparison, TextWriter output)
    {
        output.WriteLine();
        foreach (var row in comparison.Fell)
        {
            output.WriteLine($"coverage of {row.Coverage.Assembly} fell to {Format.Tenths(row.Coverage.FloorTenths)} % (baseline {Format.Int(row.Baseline!.Value)} %)");
        }

        foreach (var row in comparison.Rows.Where(r => r.Status == CoverageStatus.New))
        {
            output.WriteLine($"new assembly {row.Coverage.Assembly} at {Format.Tenths(row.Coverage.FloorTenths)} % (no baseline yet)");
        }

        foreach (var assembly in comparison.NotMeasured)
        {
            output.WriteLine($"note: the baseline lists {assembly} but no coverage report mentions it (delete the entry if the assembly is gone)");
        }

        if (!comparison.Failed)
        {
            output.WriteLine("coverage: no assembly below its baseline");
        }
    }

    private static void UpdateBaseline(CoverageBaseline baseline, IReadOnlyList<AssemblyCoverage> measured, string path, TextWriter output)
    {
        var changes = baseline.Ratchet(measured);
        output.WriteLine();
        if (changes.Count == 0)
        {
            output.WriteLine($"baseline unchanged: {path}");
            return;
        }

        baseline.Save(path);
        output.WriteLine($"baseline raised ({path}):");
        foreach (var (assembly, old, now) in changes)
        {
            output.WriteLine($"  {assembly}: {(old is { } o ? Format.Int(o) + " %" : "new")} -> {Format.Int(now)} %");
        }
    }
}
