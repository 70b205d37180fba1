using Shouldly;
using Tartware.BuildTools.TestRuns;
using Tartware.BuildTools.Tests.Support;
using Xunit;

namespace Tartware.BuildTools.Tests.TestRuns;

public sealed class TestSummaryTests
{
    [Fact]
    public void Counters_are_summed_across_trx_files_with_error_timeout_and_aborted_counted_as_failed()
    {
        using var dir = new TempDirectory();
        new TrxBuilder().ForCodeBase("/r/A.Tests.dll")
            .WithCounter("passed", 10).WithCounter("failed", 1).WithCounter("notExecuted", 2)
            .WriteTo(dir, "a.trx");
        new TrxBuilder().ForCodeBase("/r/B.Tests.dll")
            .WithCounter("passed", 5).WithCounter("error", 1).WithCounter("timeout", 1).WithCounter("aborted", 1)
            .WriteTo(dir, "nested/guid/b.trx");

        var summary = TestSummary.Collect(dir.Root);

        summary.Runs.Select(r => r.Assembly).ShouldBe(["A.Tests", "B.Tests"]);
        summary.Passed.ShouldBe(15);
        summary.Failed.ShouldBe(4);
        summary.Skipped.ShouldBe(2);
        summary.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void A_run_with_only_passed_and_skipped_tests_succeeds()
    {
        using var dir = new TempDirectory();
        new TrxBuilder().WithCounter("passed", 3).WithCounter("notExecuted", 1).WriteTo(dir, "a.trx");

        var summary = TestSummary.Collect(dir.Root);

        summary.Succeeded.ShouldBeTrue();
        summary.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void No_trx_file_is_a_failure_that_says_why()
    {
        using var dir = new TempDirectory();
        dir.Write("guid/coverage.cobertura.xml", new CoberturaBuilder().Build());

        var summary = TestSummary.Collect(dir.Root);

        summary.Succeeded.ShouldBeFalse();
        summary.Problems.ShouldHaveSingleItem().ShouldContain("no *.trx file");
    }

    [Fact]
    public void A_missing_results_directory_is_a_failure()
    {
        var summary = TestSummary.Collect(Path.Combine(Path.GetTempPath(), "tartware-no-such-dir-" + Guid.NewGuid()));

        summary.Succeeded.ShouldBeFalse();
        summary.Problems.ShouldHaveSingleItem().ShouldContain("does not exist");
    }

    [Fact]
    public void An_unreadable_trx_file_is_reported_as_a_problem()
    {
        using var dir = new TempDirectory();
        dir.Write("broken.trx", "<TestRun><Results>");

        var summary = TestSummary.Collect(dir.Root);

        summary.Succeeded.ShouldBeFalse();
        summary.Problems.ShouldHaveSingleItem().ShouldStartWith("cannot read");
    }

    [Fact]
    public void A_crashed_test_host_fails_the_summary_although_every_recorded_test_passed()
    {
        // As written by VSTest when a test calls Environment.FailFast: counters say all passed.
        using var dir = new TempDirectory();
        new TrxBuilder().WithCounter("passed", 4).WithOutcome("Failed")
            .WithRunError("[xUnit.net 00:01:03.11] Catastrophic failure: Test process crashed with exit code 134.\nmore detail")
            .WriteTo(dir, "a.trx");

        var summary = TestSummary.Collect(dir.Root);

        summary.Failed.ShouldBe(0);
        summary.Succeeded.ShouldBeFalse();
        summary.Problems.ShouldHaveSingleItem()
            .ShouldBe("Sample.Tests: test run error: [xUnit.net 00:01:03.11] Catastrophic failure: Test process crashed with exit code 134.");
    }

    [Fact]
    public void A_failed_run_outcome_without_failed_tests_or_messages_is_a_problem()
    {
        using var dir = new TempDirectory();
        new TrxBuilder().WithCounter("passed", 4).WithOutcome("Failed").WriteTo(dir, "a.trx");

        TestSummary.Collect(dir.Root).Problems.ShouldHaveSingleItem().ShouldContain("outcome is Failed although no test failed");
    }

    [Fact]
    public void The_adapter_echo_of_a_failed_test_is_not_a_run_error()
    {
        using var dir = new TempDirectory();
        new TrxBuilder().WithCounter("passed", 1).WithCounter("failed", 1).WithOutcome("Failed")
            .WithResult("T.Fails", "Failed", "Assert.Equal() Failure: Values differ")
            .WithRunError("[xUnit.net 00:00:02.05]     T.Fails [FAIL]")
            .WriteTo(dir, "a.trx");

        var summary = TestSummary.Collect(dir.Root);

        summary.Failed.ShouldBe(1);
        summary.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Skipped_tests_are_counted_from_results_when_the_not_executed_counter_stays_zero()
    {
        // The TRX logger leaves notExecuted="0" for xUnit skips but records each as NotExecuted.
        using var dir = new TempDirectory();
        new TrxBuilder().WithCounter("passed", 1).WithCounter("notExecuted", 0)
            .WithResult("T.Passes", "Passed")
            .WithResult("T.Skipped", "NotExecuted")
            .WithResult("T.AlsoSkipped", "NotExecuted")
            .WriteTo(dir, "a.trx");

        var summary = TestSummary.Collect(dir.Root);

        summary.Skipped.ShouldBe(2);
        summary.Passed.ShouldBe(1);
    }

    [Fact]
    public void Total_duration_is_the_wall_clock_span_of_parallel_runs()
    {
        using var dir = new TempDirectory();
        new TrxBuilder().ForCodeBase("/r/A.dll").Between("2025-03-01T10:00:00Z", "2025-03-01T10:00:10Z").WriteTo(dir, "a.trx");
        new TrxBuilder().ForCodeBase("/r/B.dll").Between("2025-03-01T10:00:02Z", "2025-03-01T10:00:20Z").WriteTo(dir, "b.trx");

        var summary = TestSummary.Collect(dir.Root);

        summary.Runs[0].Duration.ShouldBe(TimeSpan.FromSeconds(10));
        summary.WallClock.ShouldBe(TimeSpan.FromSeconds(20));
    }
}
