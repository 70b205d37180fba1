using System.Text.Json.Nodes;

namespace Tartware.Bench.Scenarios;

/// <summary>One read of <c>/health/reliability</c>: undelivered outbox rows (all outboxes), consumer lag, dead letters, stalled commands.</summary>
internal sealed record BacklogSample(DateTimeOffset At, long OutboxBacklog, long OutboxDlq, long ConsumerLag, long DeadLetters, long Stalled);

/// <summary>
/// Reads <c>/health/reliability</c> every 2 s while a reservation scenario runs and drains, for the backlog over time. Not
/// more often: the check counts every outbox row (delivered ones too), tens of milliseconds of server time per read once the
/// outbox holds tens of thousands of rows, and the sampler must not become a load of its own.
/// Every process answers it (it reads the tables); the sampler asks one that is not being killed. Consumer lag there is
/// the processor's last view of the broker's high watermark (written every 5 s), so it trails; the outbox backlog is exact.
/// </summary>
internal sealed class BacklogSampler(Uri process, TimeProvider time) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = process, Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<BacklogSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public IReadOnlyList<BacklogSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>A fresh read, or null when the process did not answer (it is restarting, or the database is saturated).</summary>
    public async Task<BacklogSample?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            // 503 is a valid answer here (critical backlog), with the same body.
            using var response = await _http.GetAsync("/health/reliability", cancellationToken);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            long backlog = 0, dlq = 0, lag = 0, dead = 0, stalled = 0;
            foreach (var check in body?["checks"]?.AsArray() ?? [])
            {
                var data = check?["data"]?.AsObject();
                if (data is null)
                {
                    continue;
                }

                switch (check!["name"]?.GetValue<string>())
                {
                    case "outbox":
                        foreach (var (_, table) in data)
                        {
                            backlog += table?["backlog"]?.GetValue<long>() ?? 0;
                            dlq += table?["dlq"]?.GetValue<long>() ?? 0;
                        }

                        break;
                    case "reservations":
                        lag = data["consumerLag"]?.GetValue<long>() ?? 0;
                        dead = data["deadLetters"]?.GetValue<long>() ?? 0;
                        stalled = data["stalledCommands"]?.GetValue<long>() ?? 0;
                        break;
                    default:
                        break;
                }
            }

            return new BacklogSample(time.GetUtcNow(), backlog, dlq, lag, dead, stalled);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = time.GetUtcNow().AddSeconds(2);
            if (await ReadAsync(cancellationToken) is { } sample)
            {
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }

            var wait = next - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
        _http.Dispose();
    }
}
