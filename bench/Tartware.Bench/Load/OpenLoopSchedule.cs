namespace Tartware.Bench.Load;

/// <summary>
/// When request <c>i</c> is meant to leave, as an offset from the start: a constant arrival rate with
/// an optional linear ramp from 0. A pure function of <c>i</c>, never of any response, which is what
/// makes the load open-loop: a slow server cannot slow the arrivals down and hide its latency.
/// </summary>
internal sealed class OpenLoopSchedule
{
    private readonly double _rate;
    private readonly double _rampSeconds;

    public OpenLoopSchedule(double ratePerSecond, TimeSpan duration, TimeSpan ramp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _rate = ratePerSecond;
        _rampSeconds = Math.Max(0, ramp.TotalSeconds);
        Duration = duration;
    }

    public TimeSpan Duration { get; }

    /// <summary>Requests that fall inside the duration.</summary>
    public long TotalRequests => CountBefore(Duration.TotalSeconds);

    /// <summary>Intended send offset of request <paramref name="index"/> (0-based).</summary>
    public TimeSpan At(long index)
    {
        // Over the ramp the rate grows linearly: requests sent by time t are rate·t²/(2·ramp).
        double n = index;      // the first request leaves at 0
        var rampRequests = _rate * _rampSeconds / 2;
        var seconds = n <= rampRequests && _rampSeconds > 0
            ? Math.Sqrt(2 * n * _rampSeconds / _rate)
            : _rampSeconds + ((n - rampRequests) / _rate);
        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    private long CountBefore(double seconds)
    {
        var rampRequests = _rate * _rampSeconds / 2;
        var count = seconds <= _rampSeconds && _rampSeconds > 0
            ? _rate * seconds * seconds / (2 * _rampSeconds)
            : rampRequests + ((seconds - _rampSeconds) * _rate);
        // Requests i with At(i) < end; the float estimate is corrected against At itself, so a request
        // exactly at the end belongs to the next window.
        var end = TimeSpan.FromSeconds(seconds);
        var whole = Math.Max(0, (long)Math.Ceiling(count - 1e-6));
        while (whole > 0 && At(whole - 1) >= end)
        {
            whole--;
        }

        while (At(whole) < end)
        {
            whole++;
        }

        return whole;
    }
}
