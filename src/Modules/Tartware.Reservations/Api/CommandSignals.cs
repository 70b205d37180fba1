using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tartware.Reservations.Api;

/// <summary>
/// <c>Prefer: wait</c> without polling: the processor NOTIFYs <see cref="Channel"/> with the command id
/// when a command reaches a terminal state (at its commit), and this LISTENer completes whoever waits
/// for that id. A waiter always re-reads the state after registering, so a notification that came
/// first is never missed; while the LISTEN connection is down, waiters re-check once a second.
/// </summary>
internal sealed partial class CommandSignals(NpgsqlDataSource dataSource, ILogger<CommandSignals> logger) : BackgroundService
{
    public const string Channel = "tartware_commands";

    private readonly ConcurrentDictionary<Guid, List<TaskCompletionSource>> _waiting = new();
    private volatile bool _listening;

    /// <summary>Registers interest in <paramref name="commandId"/>; dispose the registration when done.</summary>
    public Registration Register(Guid commandId)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.AddOrUpdate(commandId, _ => [source], (_, list) =>
        {
            lock (list)
            {
                list.Add(source);
            }

            return list;
        });
        return new Registration(this, commandId, source);
    }

    /// <summary>Completes when the command's NOTIFY arrives, or after a second while not listening, or at <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(Registration registration, TimeSpan timeout, CancellationToken ct)
    {
        var step = _listening ? timeout : TimeSpan.FromSeconds(1) < timeout ? TimeSpan.FromSeconds(1) : timeout;
        try
        {
            await registration.Signal.WaitAsync(step, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void Complete(Guid commandId)
    {
        if (_waiting.TryRemove(commandId, out var list))
        {
            lock (list)
            {
                foreach (var source in list)
                {
                    source.TrySetResult();
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                    {
                        Complete(id);
                    }
                };
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                _listening = false;
                LogLost(ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Command LISTEN connection lost ({ExceptionType}); waiters re-check every second")]
    private partial void LogLost(string exceptionType);

    /// <summary>One waiter's interest.</summary>
    internal sealed class Registration(CommandSignals owner, Guid commandId, TaskCompletionSource source) : IDisposable
    {
        public Task Signal => source.Task;

        public void Dispose()
        {
            if (owner._waiting.TryGetValue(commandId, out var list))
            {
                lock (list)
                {
                    list.Remove(source);
                    if (list.Count == 0)
                    {
                        owner._waiting.TryRemove(new KeyValuePair<Guid, List<TaskCompletionSource>>(commandId, list));
                    }
                }
            }
        }
    }
}
