namespace Tartware.Testing;

/// <summary>Wait on a condition, never sleep a fixed time: polls a probe until it holds or the timeout passes.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> every <paramref name="interval"/> until it returns true.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> probe, TimeSpan timeout, string because, TimeSpan? interval = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await probe())
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:0.#} s: {because}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
