using Shouldly;
using Tartware.Bench.Load;
using Xunit;

namespace Tartware.Bench.Tests;

/// <summary>
/// The runner against fake servers on the real clock. Assertions are bounds that a slower machine can
/// only make more true (latency from the intended time only grows), never speed expectations.
/// </summary>
public sealed class OpenLoopRunTests
{
    private static readonly LoadPlan HalfSecond = new(200, TimeSpan.FromMilliseconds(500), TimeSpan.Zero, TimeSpan.Zero, 10_000);

    [Fact]
    public async Task Intended_send_times_are_the_schedule_whatever_the_server_takes()
    {
        var schedule = HalfSecond.Schedule();
        var fast = new OpenLoopRun(HalfSecond, (_, _) => Task.FromResult(Outcome.Ok(200)), TimeProvider.System);
        var slow = new OpenLoopRun(HalfSecond, async (_, ct) =>
        {
            await Task.Delay(150, ct);
            return Outcome.Ok(200);
        }, TimeProvider.System);

        var fastResult = await fast.RunAsync(TestContext.Current.CancellationToken);
        var slowResult = await slow.RunAsync(TestContext.Current.CancellationToken);

        var expected = Enumerable.Range(0, (int)schedule.TotalRequests).Select(i => schedule.At(i)).ToArray();
        fast.IntendedOffsets.ToArray().ShouldBe(expected);
        slow.IntendedOffsets.ToArray().ShouldBe(expected);
        // A closed loop with this many outstanding 150 ms answers would have sent far fewer.
        slowResult.Ok.ShouldBe(100);
        fastResult.Ok.ShouldBe(100);
        // Never below the server's time (its own timer may fire a little early).
        slowResult.Latency.Min.ShouldBeGreaterThanOrEqualTo(145_000);
    }

    [Fact]
    public async Task A_stalled_server_shows_the_stall_in_the_percentiles()
    {
        var plan = HalfSecond with { Duration = TimeSpan.FromMilliseconds(600) };
        var started = TimeProvider.System.GetTimestamp();
        // Everything that arrives between 100 ms and 400 ms waits until 400 ms (a GC pause, a lock).
        var run = new OpenLoopRun(plan, async (_, ct) =>
        {
            var now = TimeProvider.System.GetElapsedTime(started);
            if (now >= TimeSpan.FromMilliseconds(100) && now < TimeSpan.FromMilliseconds(400))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(400) - now, ct);
            }

            return Outcome.Ok(200);
        }, TimeProvider.System);

        var result = await run.RunAsync(TestContext.Current.CancellationToken);

        // Half the requests fall in the stall; those intended in its first half waited >= 150 ms.
        result.Latency.Count.ShouldBe(120);
        result.Latency.ValueAt(90).ShouldBeGreaterThanOrEqualTo(150_000);
        result.Latency.Max.ShouldBeGreaterThanOrEqualTo(280_000);
    }

    [Fact]
    public async Task Sends_beyond_the_in_flight_bound_are_counted_as_overflow_errors_not_delayed()
    {
        var plan = new LoadPlan(100, TimeSpan.FromMilliseconds(300), TimeSpan.Zero, TimeSpan.Zero, 2);
        var release = new TaskCompletionSource();
        var run = new OpenLoopRun(plan, async (_, _) =>
        {
            await release.Task;
            return Outcome.Ok(200);
        }, TimeProvider.System);

        var task = run.RunAsync(TestContext.Current.CancellationToken);
        while (run.IntendedOffsets.Count < plan.Schedule().TotalRequests)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        release.SetResult();
        var result = await task;

        result.Scheduled.ShouldBe(30);
        result.Ok.ShouldBe(2);
        result.Overflow.ShouldBe(28);
        result.ErrorsByKey["0 overflow"].ShouldBe(28);
        run.IntendedOffsets.Count.ShouldBe(30);
    }

    [Fact]
    public async Task Warmup_is_discarded_and_errors_are_counted_by_status_and_code()
    {
        var plan = new LoadPlan(100, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(200), TimeSpan.Zero, 1000);
        var run = new OpenLoopRun(plan, (i, _) => Task.FromResult((i % 4) switch
        {
            0 => Outcome.Error(500, "internal"),
            1 => Outcome.Expected(409, "no-availability"),
            2 => throw new HttpRequestException("refused"),
            _ => Outcome.Ok(200),
        }), TimeProvider.System);

        var result = await run.RunAsync(TestContext.Current.CancellationToken);

        result.Scheduled.ShouldBe(40);
        result.Measured.ShouldBe(20);
        result.Ok.ShouldBe(5);
        result.Expected.ShouldBe(5);
        result.ErrorsByKey["500 internal"].ShouldBe(5);
        result.ErrorsByKey["0 connect"].ShouldBe(5);
        result.ExpectedByKey["409 no-availability"].ShouldBe(5);
        result.Latency.Count.ShouldBe(10);
        result.Timeline.Sum(t => t.Sent).ShouldBe(40);
    }
}
