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
    /// <summary>The clock the loop ticks by (tests pass a fake one).</summary>
    protected TimeProvider Time { get; } = time;

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
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
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
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false; // graceful shutdown
        }
    }

    [LoggerMessage(EventId = 5400, Level = LogLevel.Warning, Message = "{Worker} tick failed ({ExceptionType}: {Reason}); retrying on the next tick")]
    private partial void LogFailed(string worker, string exceptionType, string reason);
}
