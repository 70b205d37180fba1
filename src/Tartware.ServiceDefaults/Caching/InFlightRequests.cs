using System.Collections.Concurrent;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Stampede protection: concurrent callers for the same key share one lookup (and so one factory run).
/// The shared work is not tied to any one caller's cancellation; each caller stops waiting on its own.
/// </summary>
internal sealed class InFlightRequests
{
    private readonly ConcurrentDictionary<(Type Type, string Key), object> _running = new();

    public Task<T> RunAsync<T>(string key, Func<Task<T>> work)
    {
        var id = (typeof(T), key);
        Lazy<Task<T>>? mine = null;
        mine = new Lazy<Task<T>>(() => RunThenForgetAsync(id, mine!, work));
        var winner = (Lazy<Task<T>>)_running.GetOrAdd(id, mine);
        return winner.Value;
    }

    private async Task<T> RunThenForgetAsync<T>((Type, string) id, Lazy<Task<T>> entry, Func<Task<T>> work)
    {
        try
        {
            // Yield first so the factory never runs inside Lazy's lock on the caller's stack.
            await Task.Yield();
            return await work();
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<(Type, string), object>(id, entry));
        }
    }
}
