using Shouldly;
using Tartware.Bench.Load;
using Xunit;

namespace Tartware.Bench.Tests;

public sealed class OpenLoopScheduleTests
{
    [Fact]
    public void Constant_rate_spaces_sends_evenly_and_fills_the_duration()
    {
        var schedule = new OpenLoopSchedule(200, TimeSpan.FromSeconds(10), TimeSpan.Zero);
        schedule.TotalRequests.ShouldBe(2000);
        for (var i = 1; i < 2000; i++)
        {
            (schedule.At(i) - schedule.At(i - 1)).TotalMilliseconds.ShouldBe(5, 0.001);
        }

        schedule.At(1999).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_ramp_sends_half_the_requests_of_its_span_then_the_full_rate()
    {
        var schedule = new OpenLoopSchedule(100, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4));
        // 4 s ramp: 100·4/2 = 200 requests, then 6 s at 100/s.
        schedule.TotalRequests.ShouldBe(800);
        schedule.At(200).TotalSeconds.ShouldBe(4, 0.001);
        (schedule.At(500) - schedule.At(499)).TotalMilliseconds.ShouldBe(10, 0.001);
        (schedule.At(10) - schedule.At(9)).ShouldBeGreaterThan(schedule.At(150) - schedule.At(149));
        for (var i = 1; i < 800; i++)
        {
            schedule.At(i).ShouldBeGreaterThan(schedule.At(i - 1));
        }
    }
}
