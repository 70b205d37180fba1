using System.Security;

namespace Tartware.BuildTools.Tests.Support;

/// <summary>Builds a small VSTest TRX document; defaults describe a passing run of Sample.Tests.</summary>
internal sealed class TrxBuilder
{
    private readonly Dictionary<string, int> _counters = [];
    private readonly List<(string Name, string Outcome, string? Message)> _results = [];
    private readonly List<string> _runErrors = [];
    private string _outcome = "Completed";
    private string? _codeBase = "/repo/tests/Sample.Tests/bin/Release/net10.0/Sample.Tests.dll";
    private string _start = "2025-03-01T10:00:00.0000000+01:00";
    private string _finish = "2025-03-01T10:00:12.5000000+01:00";

    public TrxBuilder ForCodeBase(string? codeBase)
    {
        _codeBase = codeBase;
        return this;
    }

    public TrxBuilder WithCounter(string name, int value)
    {
        _counters[name] = value;
        return this;
    }

    public TrxBuilder WithResult(string testName, string outcome, string? message = null)
    {
        _results.Add((testName, outcome, message));
        return this;
    }

    public TrxBuilder Between(string start, string finish)
    {
        (_start, _finish) = (start, finish);
        return this;
    }

    public TrxBuilder WithOutcome(string outcome)
    {
        _outcome = outcome;
        return this;
    }

    public TrxBuilder WithRunError(string text)
    {
        _runErrors.Add(text);
        return this;
    }

    public string WriteTo(TempDirectory directory, string relativePath) => directory.Write(relativePath, Build());

    public string Build()
    {
        var results = string.Concat(_results.Select(r => $"""
                <UnitTestResult testName="{Xml(r.Name)}" outcome="{r.Outcome}" duration="00:00:00.01">
                  {(r.Message is null ? "" : $"<Output><ErrorInfo><Message>{Xml(r.Message)}</Message><StackTrace>at X.Y()</StackTrace></ErrorInfo></Output>")}
                </UnitTestResult>
            """));
        var definitions = _codeBase is null ? "" : $"""
                <UnitTest name="T" storage="{Xml(_codeBase)}" id="0">
                  <TestMethod codeBase="{Xml(_codeBase)}" adapterTypeName="executor://xunit/VsTestRunner3/netcore/" className="C" name="T" />
                </UnitTest>
            """;
        var counters = string.Join(" ", _counters.Select(c => $"{c.Key}=\"{c.Value}\""));
        var runInfos = string.Concat(_runErrors.Select(e => $"""<RunInfo computerName="ci" outcome="Error" timestamp="{_finish}"><Text>{Xml(e)}</Text></RunInfo>"""));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="sample" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Times creation="{_start}" queuing="{_start}" start="{_start}" finish="{_finish}" />
              <Results>{results}</Results>
              <TestDefinitions>{definitions}</TestDefinitions>
              <ResultSummary outcome="{_outcome}">
                <Counters total="0" executed="0" {counters} />
                <RunInfos>{runInfos}</RunInfos>
              </ResultSummary>
            </TestRun>
            """;
    }

    private static string Xml(string value) => SecurityElement.Escape(value);
}
