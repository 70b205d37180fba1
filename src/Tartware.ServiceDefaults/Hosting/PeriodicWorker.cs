using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Hosting;

/// <summary>
/// A background loop that never dies of its work: ticks every <see cref="Interval"/>, runs the next tick at
/// once while <see cref="TickAsync"/> reports a full batch, reports each outcome (for health checks and
/// metrics), logs failures and carries on, and stops cleanly on shutdown.
/// </summary>
public abstract partial class PeriodicWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The clock the loop ticks by (tests pass a fake one).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>Runs the next tick now instead of at the end of the interval (e.g. on a PostgreSQL NOTIFY).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>Time between ticks.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One unit of work; true when more is waiting and the next tick should start now.</summary>
    protected abstract Task<bool> TickAsync(CancellationToken cancellationToken);

    /// <summary>Called after a tick (and its immediate follow-ups) succeeded.</summary>
    protected virtual void OnSucceeded()
    {
    }

    /// <summary>Called when a tick failed; the loop goes on at the next interval.</summary>
    protected virtual void OnFailed(Exception exception)
    {
    }

    /// <inheritdoc />
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            // A wake that arrives while this tick runs completes the new source, so it is never lost.
            Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            try
            {
                while (await TickAsync(stoppingToken))
                {
                    // A full batch: more is due, go on without waiting.
                }

                OnSucceeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                OnFailed(ex);
                LogFailed(GetType().Name, ex.GetType().Name, ex.Message);
            }
        }
        while (await WaitAsync(stoppingToken));
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAny(Task.Delay(Interval, Time, stoppingToken), Volatile.Read(ref _wake).Task);
            return !stoppingToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false; // graceful shutdown
        }
    }

    [LoggerMessage(EventId = 5400, Level = LogLevel.Warning, Message = "{Worker} tick failed ({ExceptionType}: {Reason}); retrying on the next tick")]
    private partial void LogFailed(string worker, string exceptionType, string reason);
}
