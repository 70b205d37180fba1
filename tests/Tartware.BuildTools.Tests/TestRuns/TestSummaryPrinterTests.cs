using Shouldly;
using Tartware.BuildTools.TestRuns;
using Tartware.BuildTools.Tests.Support;
using Xunit;

namespace Tartware.BuildTools.Tests.TestRuns;

public sealed class TestSummaryPrinterTests
{
    [Fact]
    public void Prints_a_row_per_assembly_a_total_and_each_failed_test()
    {
        using var dir = new TempDirectory();
        new TrxBuilder().ForCodeBase("/r/Tartware.Host.Tests.dll")
            .WithCounter("passed", 41).WithCounter("failed", 1).WithCounter("notExecuted", 1)
            .WithResult("Tartware.Host.Tests.CliTests.Migrate_is_idempotent", "Failed", "Shouldly.ShouldAssertException : rows\nshould be 1")
            .WriteTo(dir, "a.trx");
        var output = new StringWriter();

        TestSummaryPrinter.Print(TestSummary.Collect(dir.Root), output);

        var lines = output.ToString().Split('\n');
        lines.ShouldContain(l => l.StartsWith("Tartware.Host.Tests", StringComparison.Ordinal) && l.EndsWith("41       1        1    12.5 s", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("Total", StringComparison.Ordinal));
        lines.ShouldContain("  FAILED Tartware.Host.Tests.CliTests.Migrate_is_idempotent  (Tartware.Host.Tests)");
        lines.ShouldContain("         Shouldly.ShouldAssertException : rows");
    }
}
