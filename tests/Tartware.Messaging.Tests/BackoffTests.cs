using Shouldly;
using Tartware.Messaging.Outbox;

namespace Tartware.Messaging.Tests;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void Nominal_delay_doubles_per_attempt_up_to_the_maximum(int attempt, int seconds) =>
        Backoff.Nominal(attempt, Base, Max).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Jittered_delay_stays_between_half_and_all_of_the_nominal_delay()
    {
        var random = new Random(7);
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            var nominal = Backoff.Nominal(attempt, Base, Max);
            for (var i = 0; i < 200; i++)
            {
                var delay = Backoff.Next(attempt, Base, Max, random.NextDouble());
                delay.ShouldBeGreaterThanOrEqualTo(nominal / 2);
                delay.ShouldBeLessThanOrEqualTo(nominal);
            }
        }
    }

    [Fact]
    public void Jitter_spreads_retries_of_the_same_attempt()
    {
        var random = new Random(11);
        var delays = Enumerable.Range(0, 100).Select(_ => Backoff.Next(4, Base, Max, random.NextDouble())).Distinct().Count();
        delays.ShouldBeGreaterThan(90);
    }

    [Fact]
    public void Attempts_below_one_and_random_values_outside_zero_to_one_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Backoff.Next(0, Base, Max, 0.5));
        Should.Throw<ArgumentOutOfRangeException>(() => Backoff.Next(1, Base, Max, 1.0));
        Should.Throw<ArgumentOutOfRangeException>(() => Backoff.Next(1, Base, Max, -0.1));
    }
}
