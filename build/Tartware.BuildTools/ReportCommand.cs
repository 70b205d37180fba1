using Tartware.BuildTools.Coverage;
using Tartware.BuildTools.Modules;
using Tartware.BuildTools.TestRuns;
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

        var coverageOk = true;
        if (options.SkipCoverage)
        {
            output.WriteLine("coverage: not checked (--skip-coverage: a filtered run says nothing about coverage)");
        }
        else
        {
            coverageOk = CoverageReport.Run(options, toolCommand, output);
        }

        PrintModules(options.RepoRoot);

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
            failures.Add("coverage below its baseline or not checked");
        }

        Format.Heading(output, "Result");
        output.WriteLine(failures.Count == 0 ? "OK" : "FAILED: " + string.Join("; ", failures));
        output.WriteLine(FinalLine(tests.Passed, tests.Failed));
        return failures.Count == 0 ? Cli.Success : Cli.Failure;
    }

    // The module report informs review and never fails the run, but must not stop the final line either.
    private void PrintModules(string repoRoot)
    {
        try
        {
            ModuleReportPrinter.Print(ModuleScanner.Scan(repoRoot), output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            output.WriteLine("ERROR module report: " + e.Message);
        }
    }

    /// <summary>The very last line of output; skipped tests count in neither.</summary>
    internal static string FinalLine(int passed, int failed) => $"{Format.Int(passed)} passed, {Format.Int(failed)} failed";
}
