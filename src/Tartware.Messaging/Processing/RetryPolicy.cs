namespace Tartware.Messaging.Processing;

/// <summary>
/// How a consumer retries a transient failure of one message before dead-lettering it: a few quick
/// retries with full jitter (a blip: a deadlock victim, a connection reset), then a fixed schedule
/// (a dependency that is down for a while), then the dead-letter topic. Domain rejections never come
/// here: they are answers, not failures.
/// </summary>
/// <param name="QuickRetries">Immediate retries.</param>
/// <param name="QuickDelay">Upper bound of a quick retry's delay (the n-th waits up to n × this, jittered).</param>
/// <param name="Schedule">Delays of the scheduled retries, in order.</param>
public sealed record RetryPolicy(int QuickRetries, TimeSpan QuickDelay, IReadOnlyList<TimeSpan> Schedule)
{
    /// <summary>Attempts in all, the first one included.</summary>
    public int MaxAttempts => 1 + QuickRetries + Schedule.Count;

    /// <summary>
    /// The delay before attempt <paramref name="failedAttempts"/> + 1, or null when the message is to be
    /// dead-lettered. <paramref name="random"/> in [0, 1) draws the jitter of quick retries.
    /// </summary>
    public TimeSpan? DelayAfter(int failedAttempts, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (failedAttempts <= QuickRetries)
        {
            // Full jitter up to n × base: retries of many failing messages do not march in step.
            return TimeSpan.FromTicks((long)(QuickDelay.Ticks * failedAttempts * Math.Clamp(random, 0, 1)));
        }

        var scheduled = failedAttempts - QuickRetries - 1;
        return scheduled < Schedule.Count ? Schedule[scheduled] : null;
    }
}
