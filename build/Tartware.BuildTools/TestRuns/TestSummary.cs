using System.Xml;

namespace Tartware.BuildTools.TestRuns;

/// <summary>Every TRX file under a results directory, summed.</summary>
internal sealed record TestSummary(IReadOnlyList<TestRun> Runs, IReadOnlyList<string> Problems)
{
    public int Passed => Runs.Sum(r => r.Passed);

    public int Failed => Runs.Sum(r => r.Failed);

    public int Skipped => Runs.Sum(r => r.Skipped);

    /// <summary>Wall-clock span of the whole run: test assemblies run in parallel, so durations do not add up.</summary>
    public TimeSpan? WallClock =>
        Runs.Select(r => r.Start).Where(s => s.HasValue).Min() is { } start
        && Runs.Select(r => r.Finish).Where(f => f.HasValue).Max() is { } finish
        && finish >= start
            ? finish - start
            : null;

    public bool Succeeded => Runs.Count > 0 && Failed == 0 && Problems.Count == 0;

    public static TestSummary Collect(string resultsDirectory)
    {
        if (!Directory.Exists(resultsDirectory))
        {
            return new TestSummary([], [$"results directory {resultsDirectory} does not exist: dotnet test did not run or wrote elsewhere"]);
        }

        var files = Directory.EnumerateFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            return new TestSummary([], [
                $"no *.trx file under {resultsDirectory}: no test project ran, or a test host crashed before "
                + "writing its results (see the dotnet test output above)"]);
        }

        var runs = new List<TestRun>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var run = TrxReader.Read(file);
                runs.Add(run);
                problems.AddRange(run.RunErrors.Select(e => $"{run.Assembly}: test run error: {e}"));
            }
            catch (Exception e) when (e is XmlException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"cannot read {file}: {e.Message}");
            }
        }

        runs.Sort((a, b) => string.CompareOrdinal(a.Assembly, b.Assembly));
        return new TestSummary(runs, problems);
    }
}
