using System.Globalization;
using Shouldly;
using Tartware.BuildTools.Tests.Support;
using Xunit;

namespace Tartware.BuildTools.Tests;

/// <summary>The whole <c>report</c> command as scripts/test.sh calls it, on a temp results folder and fake repo.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private const string Tool = "dotnet build/Tartware.BuildTools/bin/Release/net10.0/Tartware.BuildTools.dll";
    private readonly TempDirectory _repo = new();
    private readonly TempDirectory _results = new();

    public ReportCommandTests()
    {
        _repo.Write("src/Tartware.Host/Tartware.Host.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        _repo.Write("src/Tartware.Host/Program.cs", "public static class Program { }\n");
    }

    public void Dispose()
    {
        _repo.Dispose();
        _results.Dispose();
    }

    [Fact]
    public void A_green_run_exits_zero_and_ends_with_the_counts_leaving_skipped_tests_out()
    {
        new TrxBuilder().WithCounter("passed", 130).WithCounter("notExecuted", 3).WriteTo(_results, "a.trx");
        new TrxBuilder().ForCodeBase("/r/B.Tests.dll").WithCounter("passed", 7).WriteTo(_results, "b.trx");
        WriteCoverage("Tartware.Host", covered: 61, total: 100);
        WriteBaseline("""{"assemblies": {"Tartware.Host": 61}}""");

        var (exitCode, lines) = Run();

        exitCode.ShouldBe(0);
        lines[^1].ShouldBe("137 passed, 0 failed");
    }

    [Fact]
    public void A_failed_test_exits_non_zero_and_is_counted_on_the_last_line()
    {
        new TrxBuilder().WithCounter("passed", 4).WithCounter("failed", 1)
            .WithResult("Ns.T.Fails", "Failed", "boom").WriteTo(_results, "a.trx");

        var (exitCode, lines) = Run();

        exitCode.ShouldBe(1);
        lines.ShouldContain("         boom");
        lines[^1].ShouldBe("4 passed, 1 failed");
    }

    [Fact]
    public void No_trx_file_exits_non_zero_and_still_ends_with_the_counts()
    {
        var (exitCode, lines) = Run();

        exitCode.ShouldBe(1);
        lines.ShouldContain(l => l.Contains("no *.trx file", StringComparison.Ordinal));
        lines[^1].ShouldBe("0 passed, 0 failed");
    }

    [Fact]
    public void Coverage_below_the_baseline_fails_but_keeps_the_true_counts_on_the_last_line()
    {
        new TrxBuilder().WithCounter("passed", 12).WriteTo(_results, "a.trx");
        WriteCoverage("Tartware.Host", covered: 583, total: 1000);
        WriteBaseline("""{"assemblies": {"Tartware.Host": 61}}""");

        // Culture of scripts/test.sh: the report must still print "58.3", not "58,3".
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        int exitCode;
        string[] lines;
        try
        {
            (exitCode, lines) = Run();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        exitCode.ShouldBe(1);
        lines.ShouldContain("coverage of Tartware.Host fell to 58.3 % (baseline 61 %)");
        lines[^1].ShouldBe("12 passed, 0 failed");
    }

    [Fact]
    public void Coverage_a_point_above_the_baseline_prints_the_exact_ratchet_command()
    {
        new TrxBuilder().WithCounter("passed", 1).WriteTo(_results, "a.trx");
        WriteCoverage("Tartware.Host", covered: 75, total: 100);
        WriteBaseline("""{"assemblies": {"Tartware.Host": 61}}""");

        var (exitCode, lines) = Run();

        exitCode.ShouldBe(0);
        lines.ShouldContain($"  {Tool} report --results {_results.Root} --repo {_repo.Root} --update-baseline");
    }

    [Fact]
    public void Update_baseline_raises_and_adds_but_never_lowers_the_file()
    {
        new TrxBuilder().WithCounter("passed", 1).WriteTo(_results, "a.trx");
        WriteCoverage("Tartware.Host", covered: 75, total: 100);
        new CoberturaBuilder().WithSource("/r/src/").WithLines("Tartware.Messaging", "M/A.cs", 10, 1).WriteTo(_results, "m/coverage.cobertura.xml");
        WriteBaseline("""{"assemblies": {"Tartware.Host": 61, "Tartware.Messaging": 40}}""");

        var (exitCode, _) = Run("--update-baseline");

        exitCode.ShouldBe(1, "Messaging fell below 40 %, updating does not hide that");
        var written = File.ReadAllText(_repo.PathOf("build/coverage-baseline.json"));
        written.ShouldContain("\"Tartware.Host\": 75,");
        written.ShouldContain("\"Tartware.Messaging\": 40");
    }

    [Fact]
    public void A_new_assembly_is_reported_as_new_and_does_not_fail()
    {
        new TrxBuilder().WithCounter("passed", 1).WriteTo(_results, "a.trx");
        WriteCoverage("Tartware.Host", covered: 10, total: 100);
        WriteBaseline("""{"assemblies": {}}""");

        var (exitCode, lines) = Run();

        exitCode.ShouldBe(0);
        lines.ShouldContain("new assembly Tartware.Host at 10.0 % (no baseline yet)");
    }

    [Fact]
    public void A_malformed_coverage_report_fails_with_its_path_and_still_ends_with_the_counts()
    {
        new TrxBuilder().WithCounter("passed", 2).WriteTo(_results, "a.trx");
        var broken = _results.Write("x/coverage.cobertura.xml", "<coverage><packages>");

        var (exitCode, lines) = Run();

        exitCode.ShouldBe(1);
        lines.ShouldContain(l => l.StartsWith("ERROR cannot read " + broken, StringComparison.Ordinal));
        lines[^1].ShouldBe("2 passed, 0 failed");
    }

    [Fact]
    public void No_coverage_at_all_fails_only_when_the_baseline_has_assemblies_to_check()
    {
        new TrxBuilder().WithCounter("passed", 2).WriteTo(_results, "a.trx");

        WriteBaseline("""{"assemblies": {}}""");
        Run().ExitCode.ShouldBe(0);

        WriteBaseline("""{"assemblies": {"Tartware.Host": 61}}""");
        Run().ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Missing_arguments_are_a_usage_error()
    {
        var output = new StringWriter();

        Cli.Run(["report", "--results", "x"], output, Tool).ShouldBe(Cli.UsageError);
        output.ToString().ShouldContain("usage:");
    }

    private void WriteCoverage(string assembly, int covered, int total) =>
        new CoberturaBuilder().WithSource("/r/src/")
            .WithLines(assembly, assembly + "/File.cs", total, covered)
            .WriteTo(_results, Guid.NewGuid().ToString("N") + "/coverage.cobertura.xml");

    private void WriteBaseline(string json) => _repo.Write("build/coverage-baseline.json", json);

    private (int ExitCode, string[] Lines) Run(params string[] extra)
    {
        var output = new StringWriter();
        var exitCode = Cli.Run(["report", "--results", _results.Root, "--repo", _repo.Root, .. extra], output, Tool);
        var text = output.ToString();
        text.ShouldEndWith("\n", customMessage: "the final line is a complete line");
        return (exitCode, text.TrimEnd('\n').Split('\n'));
    }
}
