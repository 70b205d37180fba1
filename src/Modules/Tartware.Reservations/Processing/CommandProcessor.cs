using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Tartware.Messaging;
using Tartware.Messaging.Processing;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Reservations.Processing;

/// <summary>
/// Role <c>processor</c>: consumes one <see cref="CommandStream"/> (<c>reservations.events</c> or
/// <c>rooms.commands</c>) in the stream's consumer group; one instance per stream. On assignment every partition starts at the offset
/// ledger's position + 1, or at the beginning when the ledger has no row: the database decides; the
/// offsets stored to Kafka only serve tools that read the group's lag. Each partition has its
/// own worker, so a partition's messages apply in order while partitions proceed side by side (at most
/// <see cref="ReservationsOptions.MaxConcurrency"/> at once). A failure is retried per the policy and
/// then dead-lettered; the offset is stored only after the message's effect or its dead letter is
/// committed, so nothing is skipped and nothing applies twice.
/// </summary>
internal sealed partial class CommandProcessor(
    CommandStream stream, IKafkaClientFactory clients, IUnitOfWorkFactory units, MessageHandler handler, ProcessorMetrics metrics,
    IOptions<ReservationsOptions> options, TimeProvider time, ILogger<CommandProcessor> logger) : BackgroundService
{
    private readonly ProcessorHealth _health = new(time);

    /// <summary>The stream this instance applies.</summary>
    public CommandStream Stream => stream;

    /// <summary>Readiness of this instance's loop.</summary>
    public ProcessorHealth Health => _health;

    private readonly ConcurrentDictionary<int, PartitionWorker> _workers = new();
    private readonly ConcurrentDictionary<int, long> _applied = new();
    private SemaphoreSlim? _slots;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's Consume blocks a thread: give the loop its own instead of a pool thread.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task Run(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        _slots = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrency));
        var policy = new RetryPolicy(settings.QuickRetries, settings.QuickRetryDelay, settings.EffectiveSchedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            IConsumer<string, byte[]>? consumer = null;
            try
            {
                consumer = clients.CreateConsumer<string, byte[]>(stream.ConsumerGroup, stream.Name + "-processor", builder =>
                {
                    builder.SetPartitionsAssignedHandler((c, partitions) => Assigned(partitions, policy, c, stoppingToken));
                    builder.SetPartitionsRevokedHandler((_, partitions) => Stop(partitions.Select(p => p.Partition.Value)));
                    builder.SetPartitionsLostHandler((_, partitions) => Stop(partitions.Select(p => p.Partition.Value)));
                }, settings.MaxBatchBytes is { } bytes
                    ? new Dictionary<string, string> { ["fetch.max.bytes"] = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                    : null);
                consumer.Subscribe(stream.CommandTopic);
                var lastObserved = time.GetUtcNow();
                while (!stoppingToken.IsCancellationRequested)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(250));
                    _health.Polled();
                    if (result is { IsPartitionEOF: false, Message: not null } && _workers.TryGetValue(result.Partition.Value, out var worker))
                    {
                        worker.Enqueue(result);
                        if (worker.Backlog > 5_000)
                        {
                            // A partition stuck on retries must not grow memory without bound: let it catch up.
                            consumer.Pause([result.TopicPartition]);
                            worker.Paused = true;
                        }
                    }

                    foreach (var paused in _workers.Values.Where(w => w.Paused && w.Backlog < 1_000))
                    {
                        consumer.Resume([new TopicPartition(stream.CommandTopic, paused.Partition)]);
                        paused.Paused = false;
                    }

                    if (time.GetUtcNow() - lastObserved > TimeSpan.FromSeconds(5))
                    {
                        lastObserved = time.GetUtcNow();
                        await ObserveLagAsync(consumer, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is KafkaException or NpgsqlException or InvalidOperationException)
            {
                _health.Failed(ex.GetType().Name + ": " + ex.Message);
                LogLoopFailed(ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                Stop([.. _workers.Keys]);
                if (consumer is not null)
                {
                    try
                    {
                        consumer.Close();
                    }
                    catch (KafkaException)
                    {
                        // Leaving the group is a courtesy; the ledger is what counts.
                    }

                    consumer.Dispose();
                }
            }
        }
    }

    private IEnumerable<TopicPartitionOffset> Assigned(List<TopicPartition> partitions, RetryPolicy policy, IConsumer<string, byte[]> consumer,
        CancellationToken stoppingToken)
    {
        // The handler runs on the consume thread and must answer synchronously.
        var ledger = OffsetLedger.ReadAsync(units, stream.ConsumerGroup, stream.CommandTopic, stoppingToken).GetAwaiter().GetResult();
        var positions = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            var p = partition.Partition.Value;
            var start = ledger.TryGetValue(p, out var last) && last >= 0 ? new Offset(last + 1) : Offset.Beginning;
            _applied[p] = ledger.TryGetValue(p, out var applied) ? applied : -1;
            _workers[p] = new PartitionWorker(this, consumer, partition, policy, stoppingToken);
            positions.Add(new TopicPartitionOffset(partition, start));
            LogAssigned(partition.Topic, p, start.Value);
        }

        return positions;
    }

    private void Stop(IEnumerable<int> partitions)
    {
        var stopping = partitions.Select(p => _workers.TryRemove(p, out var worker) ? worker : null).OfType<PartitionWorker>().ToList();
        foreach (var worker in stopping)
        {
            worker.Cancel();
            metrics.Unassigned(stream.Name, worker.Partition);
        }

        // Wait for in-flight messages to finish or roll back before another consumer may take the partition.
        try
        {
            Task.WaitAll([.. stopping.Select(w => w.Completion)], TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // A worker that failed while being stopped has rolled back; the ledger has the position.
        }
    }

    private async Task ObserveLagAsync(IConsumer<string, byte[]> consumer, CancellationToken ct)
    {
        var marks = new List<(int, long)>();
        foreach (var partition in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            if (high.IsSpecial)
            {
                continue;
            }

            marks.Add((partition.Partition.Value, high.Value));
            metrics.Lag(stream.Name, partition.Partition.Value, Math.Max(0, high.Value - 1 - _applied.GetValueOrDefault(partition.Partition.Value, -1)));
        }

        if (marks.Count > 0)
        {
            await OffsetLedger.ObserveAsync(units, stream.ConsumerGroup, stream.CommandTopic, marks, ct);
        }
    }

    /// <summary>One partition's ordered queue and the task that drains it.</summary>
    private sealed class PartitionWorker
    {
        private readonly CommandProcessor _owner;
        private readonly IConsumer<string, byte[]> _consumer;
        private readonly RetryPolicy _policy;
        private readonly Channel<ConsumeResult<string, byte[]>> _queue = Channel.CreateUnbounded<ConsumeResult<string, byte[]>>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _stop;
        private int _backlog;

        public PartitionWorker(CommandProcessor owner, IConsumer<string, byte[]> consumer, TopicPartition partition, RetryPolicy policy, CancellationToken stopping)
        {
            _owner = owner;
            _consumer = consumer;
            _policy = policy;
            Partition = partition.Partition.Value;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            Completion = Task.Run(DrainAsync, CancellationToken.None);
        }

        public int Partition { get; }

        public Task Completion { get; }

        public int Backlog => Volatile.Read(ref _backlog);

        public bool Paused { get; set; }

        public void Enqueue(ConsumeResult<string, byte[]> result)
        {
            Interlocked.Increment(ref _backlog);
            _queue.Writer.TryWrite(result);
        }

        public void Cancel()
        {
            _queue.Writer.TryComplete();
            _stop.Cancel();
        }

        private async Task DrainAsync()
        {
            var ct = _stop.Token;
            try
            {
                await foreach (var result in _queue.Reader.ReadAllAsync(ct))
                {
                    await _owner._slots!.WaitAsync(ct);
                    try
                    {
                        await _owner.ProcessAsync(result, _policy, ct);
                    }
                    finally
                    {
                        _owner._slots.Release();
                    }

                    Interlocked.Decrement(ref _backlog);
                    // Committed to PostgreSQL: now Kafka may move past it too (committed in the background).
                    _consumer.StoreOffset(result);
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // Stopped mid-message: its transaction rolled back, the next owner starts from the ledger.
            }
            catch (KafkaException)
            {
                // The partition was taken away while the offset was stored: the ledger has the position.
            }
        }
    }

    private async Task ProcessAsync(ConsumeResult<string, byte[]> result, RetryPolicy policy, CancellationToken ct)
    {
        var origin = new MessageOrigin(stream.ConsumerGroup, result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Value ?? []);
        var started = Stopwatch.GetTimestamp();
        DateTimeOffset? firstFailed = null;
        var failures = 0;
        var outages = 0;
        while (true)
        {
            try
            {
                var outcome = await handler.HandleAsync(stream, origin, ct);
                metrics.Outcome(stream.Name, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
                break;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OperationCanceledException)
            {
                if (IsDatabaseUnavailable(ex))
                {
                    // The database is down or failing over: not the message's fault, so it never counts toward
                    // the dead-letter topic; wait with a capped backoff and try again.
                    outages++;
                    LogAttemptFailed(origin.Topic, origin.Partition, origin.Offset, failures, ex.GetType().Name, ex.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 200 * outages)), time, ct);
                    continue;
                }

                failures++;
                firstFailed ??= time.GetUtcNow();
                var delay = policy.DelayAfter(failures, Random.Shared.NextDouble());
                LogAttemptFailed(origin.Topic, origin.Partition, origin.Offset, failures, ex.GetType().Name, ex.Message);
                if (delay is null)
                {
                    await DeadLetterAsync(origin, failures, ex, firstFailed.Value, ct);
                    metrics.DeadLettered(stream.Name);
                    metrics.Outcome(stream.Name, "dlq", Stopwatch.GetElapsedTime(started).TotalSeconds);
                    break;
                }

                metrics.Retry(stream.Name);
                await Task.Delay(delay.Value, time, ct);
            }
        }

        _applied[origin.Partition] = origin.Offset;
        _health.Applied();
    }

    /// <summary>
    /// Connection-level failures and the server's own unavailability (admin shutdown, starting up, read-only
    /// standby after a failover, too many connections): the database, not the message. Deadlocks and
    /// serialization failures are the message's transaction and count as ordinary retries.
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "25006" || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => ex.InnerException is { } inner && IsDatabaseUnavailable(inner),
    };

    private async Task DeadLetterAsync(MessageOrigin origin, int attempts, Exception cause, DateTimeOffset firstFailed, CancellationToken ct)
    {
        // The dead letter must be durable before the offset moves: retry writing it for as long as it takes.
        for (var tries = 1; ; tries++)
        {
            try
            {
                await handler.DeadLetterAsync(stream, origin, attempts, $"{cause.GetType().Name}: {cause.Message}", firstFailed, ct);
                LogDeadLettered(origin.Topic, origin.Partition, origin.Offset, attempts);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OperationCanceledException)
            {
                LogDeadLetterFailed(origin.Topic, origin.Partition, origin.Offset, ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, tries * 2)), time, ct);
            }
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Assigned {Topic}/{Partition}, starting at offset {Offset} (ledger)")]
    private partial void LogAssigned(string topic, int partition, long offset);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "{Topic}/{Partition}@{Offset} attempt {Attempt} failed: {ExceptionType}: {Reason}")]
    private partial void LogAttemptFailed(string topic, int partition, long offset, int attempt, string exceptionType, string reason);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Error, Message = "{Topic}/{Partition}@{Offset} dead-lettered after {Attempts} attempts")]
    private partial void LogDeadLettered(string topic, int partition, long offset, int attempts);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Error, Message = "Could not dead-letter {Topic}/{Partition}@{Offset} ({ExceptionType}: {Reason}); the partition waits")]
    private partial void LogDeadLetterFailed(string topic, int partition, long offset, string exceptionType, string reason);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Error, Message = "Processor loop failed ({ExceptionType}: {Reason}); reconnecting")]
    private partial void LogLoopFailed(string exceptionType, string reason);
}
