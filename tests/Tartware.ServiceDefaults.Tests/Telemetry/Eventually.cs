using System.Diagnostics;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// Waits on a probe instead of sleeping: ASP.NET Core records request metrics and ends the request span
/// just after the response is sent, so the client can be a moment ahead of the server.
/// </summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0}s waiting for {what}. Last value: {value}");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
