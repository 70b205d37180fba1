namespace Tartware.Identity.Security;

/// <summary>What to do with a login attempt before the password is even looked at.</summary>
internal enum LoginThrottleVerdict
{
    Allowed,
    /// <summary>Progressive delay after a few failures: retry after <see cref="LoginThrottleDecision.RetryAfter"/>.</summary>
    Delayed,
    /// <summary>Temporary lockout after 10 consecutive failures (15 min, doubling, at most 1 h).</summary>
    LockedOut,
    /// <summary>ASVS 2.2.1 hard cap: 100 failed attempts on this account within the rolling hour.</summary>
    HourlyLimitReached,
}

/// <summary>The verdict and, when refused, how long until an attempt will be considered (for <c>Retry-After</c>).</summary>
internal readonly record struct LoginThrottleDecision(LoginThrottleVerdict Verdict, TimeSpan RetryAfter)
{
    public static LoginThrottleDecision Allow { get; } = new(LoginThrottleVerdict.Allowed, TimeSpan.Zero);

    public bool IsAllowed => Verdict == LoginThrottleVerdict.Allowed;

    /// <summary>Whole seconds, rounded up, as the HTTP <c>Retry-After</c> header wants (RFC 9110 §10.2.3).</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}

/// <summary>
/// Per-account failure state the caller keeps: the consecutive-failure streak (database, reset to 0 on a
/// successful login) and the failures inside the rolling hour (a Redis sliding window).
/// </summary>
internal sealed record LoginFailureHistory(
    int ConsecutiveFailures,
    DateTimeOffset? LastFailureAt,
    int FailuresInLastHour,
    DateTimeOffset? OldestFailureInLastHour)
{
    public static LoginFailureHistory None { get; } = new(0, null, 0, null);
}

/// <summary>
/// Account login throttling (OWASP ASVS 4.0 2.2.1; OWASP Authentication Cheat Sheet "Account Lockout";
/// NIST SP 800-63B §5.2.2). Pure arithmetic: the caller evaluates before verifying the password — a
/// refused attempt is answered without checking the password (otherwise the delay would still leak
/// whether guesses are right) and is not counted as a failure.
/// <list type="bullet">
/// <item>Failures 1–3: no delay. Then 1, 2, 4, 8, 16 s, capped at 30 s, between attempts.</item>
/// <item>Every 10th consecutive failure locks the account for 15 min, 30 min, then 1 h each time.</item>
/// <item>At most 100 failed attempts per account per rolling hour, whatever the above allows.</item>
/// <item>A streak with no failure for 24 h starts over, so an old episode does not shorten today's grace.</item>
/// </list>
/// Why this cannot lock a genuine user out indefinitely: every refusal has an end (the longest window
/// is one hour; nothing is permanent and no administrator is needed to unlock); the first successful
/// login after a window resets the streak to zero; and per-IP limits are a separate policy that
/// slows the attacking addresses without adding anything to the account's state. A
/// persistent attacker can still make the account wait most of the time; the mitigation for that is
/// to key this state per (account, client) for clients that have logged in successfully before
/// (OWASP "device cookies"), which the caller can do without changing this policy.
/// </summary>
internal static class LoginThrottlePolicy
{
    public const int FreeFailures = 3;
    public const int LockoutEvery = 10;
    public const int HourlyFailureLimit = 100;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromHours(1);
    public static readonly TimeSpan HourlyWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan StreakExpiry = TimeSpan.FromHours(24);

    /// <summary>Decision for an attempt at <paramref name="now"/>.</summary>
    public static LoginThrottleDecision Evaluate(LoginFailureHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.FailuresInLastHour >= HourlyFailureLimit)
        {
            // The window slides: an attempt is possible again once the oldest failure leaves the hour.
            var rollsAt = (history.OldestFailureInLastHour ?? now) + HourlyWindow;
            return new(LoginThrottleVerdict.HourlyLimitReached, Max(rollsAt - now, TimeSpan.FromSeconds(1)));
        }

        var failures = EffectiveConsecutiveFailures(history, now);
        if (failures == 0 || history.LastFailureAt is not { } lastFailure)
        {
            return LoginThrottleDecision.Allow;
        }

        var wait = lastFailure + WaitAfter(failures) - now;
        if (wait <= TimeSpan.Zero)
        {
            return LoginThrottleDecision.Allow;
        }

        return new(IsLockout(failures) ? LoginThrottleVerdict.LockedOut : LoginThrottleVerdict.Delayed, wait);
    }

    /// <summary>The streak to store after a failed attempt at <paramref name="now"/>.</summary>
    public static int NextConsecutiveFailures(LoginFailureHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        return EffectiveConsecutiveFailures(history, now) + 1;
    }

    /// <summary>The streak as it counts now: zero once 24 h have passed since the last failure.</summary>
    public static int EffectiveConsecutiveFailures(LoginFailureHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.LastFailureAt is { } last && now - last < StreakExpiry
            ? Math.Max(history.ConsecutiveFailures, 0)
            : 0;
    }

    /// <summary>How long after the <paramref name="consecutiveFailures"/>-th failure the next attempt must wait.</summary>
    public static TimeSpan WaitAfter(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        if (IsLockout(consecutiveFailures))
        {
            // 15 min × 2^(n-1) for the n-th lockout; the exponent is clamped before shifting to avoid overflow.
            var lockouts = consecutiveFailures / LockoutEvery;
            return Min(FirstLockout * (1 << Math.Min(lockouts - 1, 3)), MaxLockout);
        }

        if (consecutiveFailures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(consecutiveFailures - FreeFailures - 1, 5);
        return Min(TimeSpan.FromSeconds(1 << exponent), MaxDelay);
    }

    public static bool IsLockout(int consecutiveFailures) =>
        consecutiveFailures > 0 && consecutiveFailures % LockoutEvery == 0;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
