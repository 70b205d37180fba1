using Shouldly;
using Tartware.BuildTools.Coverage;
using Tartware.BuildTools.Tests.Support;
using Xunit;

namespace Tartware.BuildTools.Tests.Coverage;

public sealed class CoberturaMergerTests
{
    [Fact]
    public void A_line_covered_in_one_report_and_not_in_another_counts_as_covered()
    {
        using var dir = new TempDirectory();
        var first = new CoberturaBuilder().WithSource("/r/src/")
            .WithLine("Tartware.Messaging", "Tartware.Messaging/Outbox.cs", 10, 0)
            .WithLine("Tartware.Messaging", "Tartware.Messaging/Outbox.cs", 11, 1)
            .WriteTo(dir, "a/coverage.cobertura.xml");
        var second = new CoberturaBuilder().WithSource("/r/src/")
            .WithLine("Tartware.Messaging", "Tartware.Messaging/Outbox.cs", 10, 7)
            .WithLine("Tartware.Messaging", "Tartware.Messaging/Outbox.cs", 11, 0)
            .WithLine("Tartware.Messaging", "Tartware.Messaging/Outbox.cs", 12, 0)
            .WriteTo(dir, "b/coverage.cobertura.xml");

        var merged = CoberturaMerger.Merge([first, second]);

        merged.ShouldBe([new AssemblyCoverage("Tartware.Messaging", Covered: 2, Total: 3)]);
    }

    [Fact]
    public void The_same_line_number_in_distinct_files_counts_twice()
    {
        using var dir = new TempDirectory();
        var report = new CoberturaBuilder().WithSource("/r/src/")
            .WithLine("Tartware.Host", "Tartware.Host/A.cs", 5, 1)
            .WithLine("Tartware.Host", "Tartware.Host/B.cs", 5, 0)
            .WriteTo(dir, "a/coverage.cobertura.xml");

        CoberturaMerger.Merge([report]).ShouldBe([new AssemblyCoverage("Tartware.Host", 1, 2)]);
    }

    [Fact]
    public void File_names_relative_to_different_source_roots_merge_to_the_same_file()
    {
        using var dir = new TempDirectory();
        // coverlet roots each report at the common folder of the files it saw, so roots differ per test project.
        var wide = new CoberturaBuilder().WithSource("/r/src/")
            .WithLine("Tartware.Host", "Tartware.Host/Program.cs", 3, 0)
            .WriteTo(dir, "a/coverage.cobertura.xml");
        var narrow = new CoberturaBuilder().WithSource("/r/src/Tartware.Host/")
            .WithLine("Tartware.Host", "Program.cs", 3, 2)
            .WriteTo(dir, "b/coverage.cobertura.xml");

        CoberturaMerger.Merge([wide, narrow]).ShouldBe([new AssemblyCoverage("Tartware.Host", 1, 1)]);
    }

    [Fact]
    public void Method_level_lines_are_not_counted_twice_and_assemblies_are_sorted_by_name()
    {
        using var dir = new TempDirectory();
        var report = new CoberturaBuilder().WithSource("/r/src/")
            .WithLines("Tartware.ServiceDefaults", "Tartware.ServiceDefaults/Extensions.cs", count: 10, covered: 6)
            .WithLines("Tartware.Contracts", "Tartware.Contracts/Ids.cs", count: 4, covered: 4)
            .WriteTo(dir, "a/coverage.cobertura.xml");

        CoberturaMerger.Merge([report]).ShouldBe([
            new AssemblyCoverage("Tartware.Contracts", 4, 4),
            new AssemblyCoverage("Tartware.ServiceDefaults", 6, 10),
        ]);
    }

    [Fact]
    public void Reports_are_found_in_the_per_run_folders_and_identical_copies_are_read_once()
    {
        using var dir = new TempDirectory();
        var first = new CoberturaBuilder().WithSource("/r/src/").WithLine("A", "A/X.cs", 1, 1).Build();
        dir.Write("0a1b/coverage.cobertura.xml", first);
        dir.Write("9f8e/coverage.cobertura.xml", new CoberturaBuilder().WithSource("/r/src/").WithLine("B", "B/Y.cs", 1, 1).Build());
        dir.Write("9f8e/other.xml", "<x/>");
        // The TRX logger's copy of the first report.
        dir.Write("_ci_2025-03-01_10_00_00/In/ci/coverage.cobertura.xml", first);

        CoberturaMerger.FindReports(dir.Root).Select(p => Path.GetRelativePath(dir.Root, p).Replace('\\', '/'))
            .ShouldBe(["0a1b/coverage.cobertura.xml", "9f8e/coverage.cobertura.xml"]);
    }

    [Theory]
    [InlineData(61, 100, 61, 61.0)]
    [InlineData(6096, 10000, 60, 60.9)]
    [InlineData(0, 0, 100, 100.0)]
    public void Percentages_round_down(int covered, int total, int floorPercent, double shown)
    {
        var coverage = new AssemblyCoverage("A", covered, total);

        coverage.FloorPercent.ShouldBe(floorPercent);
        (coverage.FloorTenths / 10.0).ShouldBe(shown);
    }
}
