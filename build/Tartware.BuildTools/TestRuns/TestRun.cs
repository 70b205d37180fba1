namespace Tartware.BuildTools.TestRuns;

/// <summary>The counters and failures of one TRX file (one test assembly).</summary>
internal sealed record TestRun(
    string Assembly,
    string TrxPath,
    int Passed,
    int Failed,
    int Skipped,
    DateTimeOffset? Start,
    DateTimeOffset? Finish,
    IReadOnlyList<FailedTest> Failures,
    IReadOnlyList<string> RunErrors)
{
    public TimeSpan? Duration => Start is { } s && Finish is { } f && f >= s ? f - s : null;
}

/// <summary>A test whose outcome was Failed, Error, Timeout or Aborted.</summary>
internal sealed record FailedTest(string Assembly, string Name, string Outcome, string Message);
