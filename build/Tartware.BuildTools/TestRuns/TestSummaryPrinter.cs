using Tartware.BuildTools.Text;

namespace Tartware.BuildTools.TestRuns;

internal static class TestSummaryPrinter
{
    public static void Print(TestSummary summary, TextWriter output)
    {
        Format.Heading(output, "Tests");
        if (summary.Runs.Count > 0)
        {
            var table = new TextTable(("Test assembly", false), ("Passed", true), ("Failed", true), ("Skipped", true), ("Duration", true));
            foreach (var run in summary.Runs)
            {
                table.AddRow(run.Assembly, Format.Int(run.Passed), Format.Int(run.Failed), Format.Int(run.Skipped), Format.Duration(run.Duration));
            }

            table.AddSeparator();
            table.AddRow("Total", Format.Int(summary.Passed), Format.Int(summary.Failed), Format.Int(summary.Skipped), Format.Duration(summary.WallClock));
            table.WriteTo(output);
        }

        var failures = summary.Runs.SelectMany(r => r.Failures).ToList();
        if (failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Failed tests ({Format.Int(failures.Count)}):");
            foreach (var failure in failures)
            {
                var outcome = failure.Outcome == "Failed" ? "" : $" [{failure.Outcome}]";
                output.WriteLine($"  FAILED {failure.Name}{outcome}  ({failure.Assembly})");
                output.WriteLine($"         {failure.Message}");
            }
        }

        if (summary.Problems.Count > 0)
        {
            output.WriteLine();
            foreach (var problem in summary.Problems)
            {
                output.WriteLine("ERROR " + problem);
            }
        }
    }
}
