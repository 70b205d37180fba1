using System.Diagnostics;

namespace Tartware.Messaging.Tests.Infrastructure;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Poll
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Awaits <paramref name="probe"/> until it returns a value; exceptions count as "not yet".</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : struct
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.", last);
            }

            await Task.Delay(s_interval, TestContext.Current.CancellationToken);
        }
    }

    public static Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : struct => ValueAsync<T>(() => Task.FromResult(probe()), timeout, what);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        ValueAsync(async () => await condition() ? true : (bool?)null, timeout, what);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        ValueAsync(() => condition() ? true : (bool?)null, timeout, what);
}
