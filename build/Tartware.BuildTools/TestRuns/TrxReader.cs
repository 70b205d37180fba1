using System.Globalization;
using System.Xml.Linq;

namespace Tartware.BuildTools.TestRuns;

/// <summary>Reads VSTest TRX files (namespace http://microsoft.com/schemas/VisualStudio/TeamTest/2010).</summary>
internal static class TrxReader
{
    private const int MaxMessageLength = 200;
    private static readonly string[] _failedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    public static TestRun Read(string trxPath)
    {
        var root = XDocument.Load(trxPath).Root ?? throw new InvalidDataException("empty document");
        // Take the namespace from the document so a TRX written without it still reads.
        var ns = root.Name.Namespace;
        var assembly = AssemblyName(root, ns) ?? Path.GetFileNameWithoutExtension(trxPath);

        var counters = root.Element(ns + "ResultSummary")?.Element(ns + "Counters");
        int Count(string name) => int.TryParse(counters?.Attribute(name)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

        var times = root.Element(ns + "Times");
        var failures = root.Descendants(ns + "UnitTestResult")
            .Where(r => _failedOutcomes.Contains((string?)r.Attribute("outcome")))
            .Select(r => new FailedTest(
                assembly,
                (string?)r.Attribute("testName") ?? "(unnamed test)",
                (string)r.Attribute("outcome")!,
                FirstLine(r.Element(ns + "Output")?.Element(ns + "ErrorInfo")?.Element(ns + "Message")?.Value)))
            .ToList();

        var summaryOutcome = (string?)root.Element(ns + "ResultSummary")?.Attribute("outcome");
        var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        var runErrors = RunErrors(root, ns, summaryOutcome, failed);

        // The TRX logger leaves the notExecuted counter at 0 for xUnit's skipped tests (seen with
        // xunit.runner.visualstudio 3.1.5) but does record each one with outcome NotExecuted.
        var skippedResults = root.Descendants(ns + "UnitTestResult").Count(r => (string?)r.Attribute("outcome") == "NotExecuted");

        return new TestRun(
            assembly,
            trxPath,
            Passed: Count("passed"),
            Failed: failed,
            Skipped: Math.Max(Count("notExecuted"), skippedResults),
            Start: ParseTime(times?.Attribute("start")?.Value),
            Finish: ParseTime(times?.Attribute("finish")?.Value),
            failures,
            runErrors);
    }

    /// <summary>
    /// Errors of the run itself, such as a crashed test host: the TRX then reads "passed" for the tests
    /// that finished, and only an Error-level run message says the rest never ran.
    /// </summary>
    private static List<string> RunErrors(XElement root, XNamespace ns, string? summaryOutcome, int failed)
    {
        var errors = root.Descendants(ns + "RunInfo")
            .Where(i => (string?)i.Attribute("outcome") == "Error")
            .Select(i => FirstLine(i.Element(ns + "Text")?.Value))
            // The xUnit adapter also logs every failed test as "... Name [FAIL]"; those are listed as failures already.
            .Where(text => !text.EndsWith("[FAIL]", StringComparison.Ordinal))
            .ToList();
        if (errors.Count == 0 && failed == 0 && summaryOutcome is "Failed" or "Error" or "Aborted")
        {
            errors.Add($"the run's outcome is {summaryOutcome} although no test failed");
        }

        return errors;
    }

    private static string? AssemblyName(XElement root, XNamespace ns)
    {
        var codeBase = root.Element(ns + "TestDefinitions")?
            .Elements(ns + "UnitTest")
            .Select(t => (string?)t.Element(ns + "TestMethod")?.Attribute("codeBase"))
            .FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));
        // codeBase may be a Windows path when the TRX comes from another machine.
        return codeBase is null ? null : Path.GetFileNameWithoutExtension(codeBase.Replace('\\', '/'));
    }

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    internal static string FirstLine(string? message)
    {
        var line = message?
            .Split('\n')
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0);
        if (line is null)
        {
            return "(no message)";
        }

        return line.Length <= MaxMessageLength ? line : string.Concat(line.AsSpan(0, MaxMessageLength), "...");
    }
}
