using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Hosting;

namespace Tartware.Messaging.Outbox;

/// <summary>
/// Role <c>dispatcher</c>: moves committed outbox rows of every registered module to Kafka. Claim in one
/// short transaction (lease + attempt), publish the batch in claim order with the idempotent producer
/// (rows of one key stay in order on their partition), then record each outcome in a second transaction:
/// DELIVERED, or FAILED with exponential backoff and jitter, or DLQ after the last attempt. A dispatcher
/// that dies between publish and marking leaves its rows to lease expiry: they are sent again, and the
/// consumers' inbox absorbs the duplicate. Woken by NOTIFY, polling as a fallback.
/// </summary>
internal sealed class OutboxDispatcher(
    IUnitOfWorkFactory units, IKafkaClientFactory clients, IEnumerable<OutboxSource> sources, IEnumerable<IOutboxDeliveryListener> listeners,
    IOptions<OutboxOptions> options,
    OutboxMetrics metrics, OutboxHealth health, TenantThrottle throttle, TimeProvider time, ILogger<OutboxDispatcher> logger)
    : PeriodicWorker(time, logger), IDisposable
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private int _disposed;
    private int _publishedBatches;
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() => clients.CreateProducer<string, byte[]>("outbox-dispatcher"));

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var more = false;
        foreach (var source in sources.DistinctBy(s => s.Table))
        {
            more |= await DispatchOnceAsync(source, cancellationToken) == options.Value.BatchSize;
        }

        return more;
    }

    protected override void OnSucceeded() => health.Succeeded();

    protected override void OnFailed(Exception exception) => health.Failed(exception.GetType().Name);

    /// <summary>One batch of one outbox; returns how many rows were claimed.</summary>
    internal async Task<int> DispatchOnceAsync(OutboxSource source, CancellationToken ct)
    {
        var settings = options.Value;
        List<OutboxRow> rows;
        await using (var claim = await units.BeginWithoutTenantAsync(ct))
        {
            await claim.Sql("select set_config('app.worker', $1, true)").Bind(OutboxSource.Worker).ExecAsync(ct);
            rows = await OutboxBatch.ClaimAsync(claim.Transaction, source.Table, _owner, settings.BatchSize, settings.Lease, Time.GetUtcNow(), ct,
                throttle.Throttled());
            var (depth, oldest) = await OutboxBatch.BacklogAsync(claim.Transaction, source.Table, Time.GetUtcNow(), ct);
            metrics.Backlog(source.Table, depth, oldest);
            await claim.CommitAsync(ct);
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        metrics.ThrottleWaits(source.Table, throttle.Spend(rows.Select(r => r.TenantId), settings.TenantRatePerSecond, settings.TenantBurst, Random.Shared.NextDouble));

        var sends = rows.Select(row => _producer.Value.ProduceAsync(row.Topic, Message(row), CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(sends).WaitAsync(settings.PublishTimeout, ct);
        }
        catch (Exception ex) when (ex is ProduceException<string, byte[]> or KafkaException or TimeoutException)
        {
            // Outcomes are read per row below; a failed batch is not an error of the loop.
        }

        if (settings.KillAfterPublishedBatches is { } crashAt && sends.All(t => t.IsCompletedSuccessfully) && Interlocked.Increment(ref _publishedBatches) >= crashAt)
        {
            // Fault injection (never in Production): die like a SIGKILLed pod, acknowledged but not marked.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        // Outcomes are written even while shutting down: a lease left behind only delays a row.
        await using var outcome = await units.BeginWithoutTenantAsync(CancellationToken.None);
        await outcome.Sql("select set_config('app.worker', $1, true)").Bind(OutboxSource.Worker).ExecAsync(CancellationToken.None);
        var delivered = rows.Where((_, i) => sends[i].IsCompletedSuccessfully).ToList();
        await OutboxBatch.DeliveredAsync(outcome.Transaction, source.Table, _owner, delivered, Time.GetUtcNow(), CancellationToken.None);
        if (delivered.Count > 0)
        {
            foreach (var listener in listeners.Where(l => l.Table == source.Table))
            {
                await listener.DeliveredAsync(outcome.Transaction, [.. delivered.Select(r => (r.TenantId, r.Id))], CancellationToken.None);
            }

            // Back to the dispatcher's own scope after a listener switched tenants.
            await outcome.Sql("select set_config('app.tenant_id', '', true), set_config('app.worker', $1, true)").Bind(OutboxSource.Worker)
                .ExecAsync(CancellationToken.None);
        }

        foreach (var (row, send) in rows.Zip(sends).Where(p => !p.Second.IsCompletedSuccessfully))
        {
            var error = send.Exception?.InnerException?.Message ?? "no acknowledgement within the publish timeout";
            var backoff = Backoff.Next(row.Attempts, settings.BaseBackoff, settings.MaxBackoff, Random.Shared.NextDouble());
            await OutboxBatch.FailedAsync(outcome.Transaction, source.Table, _owner, row, error, backoff, settings.MaxAttempts, Time.GetUtcNow(), CancellationToken.None);
            metrics.Failed(source.Table);
        }

        await outcome.CommitAsync(CancellationToken.None);
        var now = Time.GetUtcNow();
        foreach (var row in delivered)
        {
            metrics.Published(source.Table, (now - row.CreatedAt).TotalSeconds);
        }

        return rows.Count;
    }

    private static Message<string, byte[]> Message(OutboxRow row)
    {
        var headers = new Headers
        {
            { "tenant-id", System.Text.Encoding.ASCII.GetBytes(row.TenantId.ToString()) },
            { "outbox-id", System.Text.Encoding.ASCII.GetBytes(row.Id.ToString()) },
        };
        KafkaTraceContext.Inject(headers);
        return new Message<string, byte[]> { Key = row.Key, Value = row.Payload, Headers = headers };
    }

    public override void Dispose()
    {
        // Registered as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }

        base.Dispose();
    }
}
