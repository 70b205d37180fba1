using Tartware.BuildTools.Coverage;
using Tartware.BuildTools.Modules;
using Tartware.BuildTools.TestResults;
using Tartware.BuildTools.Text;

namespace Tartware.BuildTools;

/// <summary>
/// <c>report</c>: test summary, coverage ratchet and module report, ending with exactly one line
/// "N passed, N failed" that scripts/test.sh and CI read. Plain text, no colour.
/// </summary>
internal sealed class ReportCommand(TextWriter output, string toolCommand)
{
    public int Run(ReportOptions options)
    {
        var tests = TestSummary.Collect(options.ResultsDirectory);
        TestSummaryPrinter.Print(tests, output);

        var coverageOk = CoverageReport.Run(options, toolCommand, output);

        ModuleReportPrinter.Print(ModuleScanner.Scan(options.RepoRoot), output);

        var failures = new List<string>();
        if (tests.Runs.Count == 0)
        {
            failures.Add("no test results");
        }

        if (tests.Failed > 0)
        {
            failures.Add("failed tests");
        }

        if (tests.Problems.Count > 0 && tests.Runs.Count > 0)
        {
            failures.Add("test run errors");
        }

        if (!coverageOk)
        {
            failures.Add("coverage below baseline or not checked");
        }

        Format.Heading(output, "Result");
        output.WriteLine(failures.Count == 0 ? "OK" : "FAILED: " + string.Join("; ", failures));
        output.WriteLine(FinalLine(tests.Passed, tests.Failed));
        return failures.Count == 0 ? Cli.Success : Cli.Failure;
    }

    /// <summary>The very last line of output; skipped tests count in neither.</summary>
    internal static string FinalLine(int passed, int failed) => $"{Format.Int(passed)} passed, {Format.Int(failed)} failed";
}
