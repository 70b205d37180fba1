namespace Tartware.Messaging.Outbox;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of
/// min(max, base * 2^(n-1)), so retries of many rows spread out instead of arriving together,
/// and never wait less than half the nominal delay (AWS Architecture Blog, "Exponential Backoff And Jitter").
/// </summary>
public static class Backoff
{
    /// <summary>The delay before the retry that follows failed attempt <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Next(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(random01, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(random01, 1.0);
        var nominal = Nominal(attempt, baseDelay, maxDelay);
        return TimeSpan.FromTicks((long)(nominal.Ticks * (0.5 + (random01 / 2))));
    }

    /// <summary>min(max, base * 2^(attempt-1)) without overflowing for large attempt counts.</summary>
    public static TimeSpan Nominal(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Min(attempt - 1, 40);
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
