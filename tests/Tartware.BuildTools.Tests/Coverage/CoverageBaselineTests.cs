using Shouldly;
using Tartware.BuildTools.Coverage;
using Tartware.BuildTools.Tests.Support;
using Xunit;

namespace Tartware.BuildTools.Tests.Coverage;

public sealed class CoverageBaselineTests
{
    private static CoverageBaseline Baseline(params (string Assembly, int Percent)[] entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Assembly, e.Percent)));

    [Fact]
    public void An_assembly_below_its_baseline_fails_and_one_missing_from_it_is_new()
    {
        AssemblyCoverage[] measured = [new("Tartware.Host", 583, 1000), new("Tartware.Modules.Rates", 1, 2), new("Tartware.Messaging", 61, 100)];

        var comparison = CoverageComparison.Compare(measured, Baseline(("Tartware.Host", 61), ("Tartware.Messaging", 61)));

        comparison.Rows.Select(r => (r.Coverage.Assembly, r.Status)).ShouldBe([
            ("Tartware.Host", CoverageStatus.Fell),
            ("Tartware.Modules.Rates", CoverageStatus.New),
            ("Tartware.Messaging", CoverageStatus.Ok),
        ]);
        comparison.Failed.ShouldBeTrue();
    }

    [Fact]
    public void A_fraction_below_the_baseline_fails_even_when_it_would_round_up()
    {
        var comparison = CoverageComparison.Compare([new AssemblyCoverage("A", 6099, 10000)], Baseline(("A", 61)));

        comparison.Failed.ShouldBeTrue();
    }

    [Fact]
    public void Only_a_whole_point_above_the_baseline_is_worth_ratcheting()
    {
        var baseline = Baseline(("A", 60));

        CoverageComparison.Compare([new AssemblyCoverage("A", 6099, 10000)], baseline).WorthRatcheting.ShouldBeFalse();
        CoverageComparison.Compare([new AssemblyCoverage("A", 61, 100)], baseline).WorthRatcheting.ShouldBeTrue();
    }

    [Fact]
    public void Assemblies_in_the_baseline_but_not_measured_are_listed_without_failing()
    {
        var comparison = CoverageComparison.Compare([new AssemblyCoverage("A", 1, 1)], Baseline(("A", 50), ("Gone", 70)));

        comparison.NotMeasured.ShouldBe(["Gone"]);
        comparison.Failed.ShouldBeFalse();
    }

    [Fact]
    public void Ratchet_raises_to_the_floor_adds_new_assemblies_and_never_lowers()
    {
        var baseline = Baseline(("Up", 50), ("Down", 80), ("Kept", 40));

        var changes = baseline.Ratchet([new("Up", 729, 1000), new("Down", 1, 2), new("New", 1, 3)]);

        baseline.Assemblies.ShouldBe(new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["Down"] = 80,
            ["Kept"] = 40,
            ["New"] = 33,
            ["Up"] = 72,
        });
        changes.ShouldBe([("Up", (int?)50, 72), ("New", (int?)null, 33)]);
    }

    [Fact]
    public void Saved_baseline_reads_back_with_sorted_keys()
    {
        using var dir = new TempDirectory();
        var path = dir.PathOf("coverage-baseline.json");

        Baseline(("Tartware.ServiceDefaults", 61), ("Tartware.Host", 72)).Save(path);

        File.ReadAllText(path).ShouldBe("""
            {
              "assemblies": {
                "Tartware.Host": 72,
                "Tartware.ServiceDefaults": 61
              }
            }

            """);
        CoverageBaseline.Load(path).Assemblies.Count.ShouldBe(2);
    }

    [Fact]
    public void A_missing_baseline_file_is_empty_and_a_malformed_one_is_an_error()
    {
        using var dir = new TempDirectory();

        CoverageBaseline.Load(dir.PathOf("none.json")).Assemblies.ShouldBeEmpty();
        CoverageBaseline.Load(dir.Write("empty.json", """{"assemblies": {}}""")).Assemblies.ShouldBeEmpty();
        Should.Throw<InvalidDataException>(() => CoverageBaseline.Load(dir.Write("bad.json", """{"assemblies": {"A": "high"}}""")));
    }
}
