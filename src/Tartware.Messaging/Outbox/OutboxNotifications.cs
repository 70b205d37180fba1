using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tartware.Messaging.Outbox;

/// <summary>
/// LISTENs on <see cref="OutboxSource.Channel"/> and wakes the dispatcher when a writer commits rows, so
/// delivery does not wait for the next poll. Any failure falls back to polling and reconnects.
/// </summary>
internal sealed partial class OutboxNotifications(NpgsqlDataSource dataSource, OutboxDispatcher dispatcher, ILogger<OutboxNotifications> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => dispatcher.Wake();
                await using (var listen = new NpgsqlCommand($"listen {OutboxSource.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

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
                LogLost(ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 5601, Level = LogLevel.Warning, Message = "Outbox LISTEN connection lost ({ExceptionType}); polling until it is back")]
    private partial void LogLost(string exceptionType);
}
