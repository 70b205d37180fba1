using Shouldly;
using Tartware.BuildTools.TestRuns;
using Tartware.BuildTools.Tests.Support;
using Xunit;

namespace Tartware.BuildTools.Tests.TestRuns;

public sealed class TrxReaderTests
{
    [Fact]
    public void Assembly_name_comes_from_the_test_method_code_base()
    {
        using var dir = new TempDirectory();
        var path = new TrxBuilder().ForCodeBase(@"C:\src\tests\Tartware.Host.Tests\bin\Release\net10.0\Tartware.Host.Tests.dll")
            .WriteTo(dir, "root_ci_2025-03-01_10_00_00.trx");

        TrxReader.Read(path).Assembly.ShouldBe("Tartware.Host.Tests");
    }

    [Fact]
    public void Assembly_name_falls_back_to_the_file_name_when_no_test_is_defined()
    {
        using var dir = new TempDirectory();
        var path = new TrxBuilder().ForCodeBase(null).WriteTo(dir, "root_ci_2025.trx");

        TrxReader.Read(path).Assembly.ShouldBe("root_ci_2025");
    }

    [Fact]
    public void Failed_tests_are_listed_with_the_first_line_of_their_message()
    {
        using var dir = new TempDirectory();
        var path = new TrxBuilder()
            .WithResult("Ns.ReservationTests.Books_last_room_once", "Passed")
            .WithResult("Ns.ReservationTests.Sells_last_room_twice", "Failed", "\nAssert.Equal() Failure: Values differ\nExpected: 1\nActual:   2")
            .WithResult("Ns.OutboxTests.Relay_hangs", "Timeout")
            .WithResult("Ns.OutboxTests.Skipped", "NotExecuted")
            .WriteTo(dir, "a.trx");

        var failures = TrxReader.Read(path).Failures;

        failures.Select(f => (f.Name, f.Outcome, f.Message)).ShouldBe([
            ("Ns.ReservationTests.Sells_last_room_twice", "Failed", "Assert.Equal() Failure: Values differ"),
            ("Ns.OutboxTests.Relay_hangs", "Timeout", "(no message)"),
        ]);
    }

    [Fact]
    public void A_very_long_first_line_is_shortened()
    {
        TrxReader.FirstLine(new string('x', 500)).Length.ShouldBe(203);
    }
}
