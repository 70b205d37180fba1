using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

public sealed class LoginThrottlePolicyTests
{
    private static readonly DateTimeOffset _now = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 4)]
    [InlineData(7, 8)]
    [InlineData(8, 16)]
    [InlineData(9, 30)]
    [InlineData(10, 15 * 60)]
    [InlineData(11, 30)]
    [InlineData(19, 30)]
    [InlineData(20, 30 * 60)]
    [InlineData(30, 60 * 60)]
    [InlineData(40, 60 * 60)]
    [InlineData(1_000_000, 60 * 60)]
    public void Wait_schedule_is_free_then_exponential_then_bounded_lockouts(int failures, int seconds) =>
        LoginThrottlePolicy.WaitAfter(failures).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void First_three_failures_in_a_row_cost_nothing() =>
        LoginThrottlePolicy.Evaluate(new(3, _now, 3, _now), _now).ShouldBe(LoginThrottleDecision.Allow);

    [Fact]
    public void Fourth_failure_delays_the_next_attempt_by_one_second()
    {
        var history = new LoginFailureHistory(4, _now.AddMilliseconds(-400), 4, _now.AddSeconds(-5));

        var decision = LoginThrottlePolicy.Evaluate(history, _now);

        decision.Verdict.ShouldBe(LoginThrottleVerdict.Delayed);
        decision.RetryAfter.ShouldBe(TimeSpan.FromMilliseconds(600));
        decision.RetryAfterSeconds.ShouldBe(1);
        LoginThrottlePolicy.Evaluate(history, _now.AddMilliseconds(600)).IsAllowed.ShouldBeTrue();
    }

    [Fact]
    public void Tenth_failure_locks_for_15_minutes_then_attempts_resume()
    {
        var history = new LoginFailureHistory(10, _now, 10, _now.AddMinutes(-2));

        var decision = LoginThrottlePolicy.Evaluate(history, _now.AddMinutes(10));

        decision.Verdict.ShouldBe(LoginThrottleVerdict.LockedOut);
        decision.RetryAfter.ShouldBe(TimeSpan.FromMinutes(5));
        LoginThrottlePolicy.Evaluate(history, _now.AddMinutes(15)).IsAllowed.ShouldBeTrue();
    }

    [Fact]
    public void Repeated_lockouts_double_up_to_one_hour()
    {
        LoginThrottlePolicy.Evaluate(new(20, _now, 10, _now), _now.AddMinutes(29)).Verdict.ShouldBe(LoginThrottleVerdict.LockedOut);
        LoginThrottlePolicy.Evaluate(new(20, _now, 10, _now), _now.AddMinutes(30)).IsAllowed.ShouldBeTrue();
        LoginThrottlePolicy.Evaluate(new(50, _now, 10, _now), _now.AddMinutes(60)).IsAllowed.ShouldBeTrue();
    }

    [Fact]
    public void Hundred_failures_in_the_rolling_hour_refuse_attempts_until_the_oldest_leaves_the_window()
    {
        var history = new LoginFailureHistory(2, _now.AddMinutes(-1), 100, _now.AddMinutes(-50));

        var decision = LoginThrottlePolicy.Evaluate(history, _now);

        decision.Verdict.ShouldBe(LoginThrottleVerdict.HourlyLimitReached);
        decision.RetryAfter.ShouldBe(TimeSpan.FromMinutes(10));
        LoginThrottlePolicy.Evaluate(history with { FailuresInLastHour = 99 }, _now).IsAllowed.ShouldBeTrue();
    }

    [Fact]
    public void A_streak_quiet_for_24_hours_starts_over()
    {
        var history = new LoginFailureHistory(10, _now.AddHours(-24), 0, null);

        LoginThrottlePolicy.Evaluate(history, _now).IsAllowed.ShouldBeTrue();
        LoginThrottlePolicy.NextConsecutiveFailures(history, _now).ShouldBe(1);
        LoginThrottlePolicy.NextConsecutiveFailures(history with { LastFailureAt = _now.AddHours(-23) }, _now).ShouldBe(11);
    }

    [Fact]
    public void An_attacker_failing_as_fast_as_allowed_for_a_day_never_causes_a_wait_over_an_hour_nor_100_failures_an_hour()
    {
        var clock = _now;
        var history = LoginFailureHistory.None;
        var failures = new List<DateTimeOffset>();
        var longestWait = TimeSpan.Zero;

        while (clock < _now.AddDays(1))
        {
            var inWindow = failures.Where(f => f > clock - TimeSpan.FromHours(1)).ToArray();
            history = history with { FailuresInLastHour = inWindow.Length, OldestFailureInLastHour = inWindow.Length > 0 ? inWindow[0] : null };
            var decision = LoginThrottlePolicy.Evaluate(history, clock);
            if (!decision.IsAllowed)
            {
                longestWait = decision.RetryAfter > longestWait ? decision.RetryAfter : longestWait;
                clock += decision.RetryAfter;
                continue;
            }

            history = history with { ConsecutiveFailures = LoginThrottlePolicy.NextConsecutiveFailures(history, clock), LastFailureAt = clock };
            failures.Add(clock);
            inWindow.Length.ShouldBeLessThan(LoginThrottlePolicy.HourlyFailureLimit);
        }

        longestWait.ShouldBe(TimeSpan.FromHours(1));
        failures.Count.ShouldBeGreaterThan(100, "attempts keep being possible: no permanent lockout");
        // The genuine user's next successful login resets the streak (the caller stores 0).
        LoginThrottlePolicy.Evaluate(LoginFailureHistory.None, clock).IsAllowed.ShouldBeTrue();
    }
}
