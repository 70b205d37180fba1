using Shouldly;
using Tartware.Messaging.Outbox;

namespace Tartware.Messaging.Tests;

public sealed class TenantThrottleTests
{
    private static readonly Guid Noisy = Guid.NewGuid();
    private static readonly Guid Quiet = Guid.NewGuid();

    [Fact]
    public void A_tenant_past_its_burst_is_held_back_for_its_debt_plus_jitter_while_others_are_not()
    {
        var clock = new SteppedClock();
        var throttle = new TenantThrottle(clock);
        throttle.Spend(Enumerable.Repeat(Noisy, 100), ratePerSecond: 100, burst: 100, () => 0).ShouldBe(0, "within the burst");
        throttle.Throttled().ShouldBeEmpty();

        // 50 more rows at once: 50 tokens of debt = 0.5 s at 100/s, and a jitter of up to 50 %.
        throttle.Spend([.. Enumerable.Repeat(Noisy, 50), Quiet], 100, 100, () => 1).ShouldBe(1);
        throttle.Throttled().ShouldBe([Noisy]);
        clock.Advance(TimeSpan.FromSeconds(0.7));
        throttle.Throttled().ShouldBe([Noisy], "0.5 s of debt plus 50 % jitter is 0.75 s");
        clock.Advance(TimeSpan.FromSeconds(0.1));
        throttle.Throttled().ShouldBeEmpty();

        // Refilled over time, never above the burst.
        clock.Advance(TimeSpan.FromSeconds(60));
        throttle.Spend(Enumerable.Repeat(Noisy, 100), 100, 100, () => 0).ShouldBe(0);
        throttle.Spend([Noisy], 100, 100, () => 0).ShouldBe(1, "the refill stopped at the burst of 100");
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
