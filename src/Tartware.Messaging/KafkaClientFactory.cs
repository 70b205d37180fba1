using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tartware.Messaging;

/// <summary>Builds every Kafka client of the process, so settings, logging and metrics stay uniform.</summary>
internal sealed class KafkaClientFactory(
    IOptions<KafkaOptions> options,
    IKafkaBootstrap bootstrap,
    MessagingMetrics metrics,
    ILoggerFactory loggerFactory) : IKafkaClientFactory
{
    private readonly KafkaOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger("Tartware.Messaging.Kafka");

    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>(string name, Action<ProducerBuilder<TKey, TValue>>? configure = null)
    {
        var config = new ProducerConfig(BaseConfig(name))
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
            // A few ms of batching buys throughput without a noticeable hop in latency.
            LingerMs = 5,
            // librdkafka's default is 5 minutes; the outbox retries failed records itself, so fail sooner.
            MessageTimeoutMs = 30_000,
        };
        var builder = new ProducerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, m) => Log(m))
            .SetErrorHandler((_, e) => OnError("producer", name, e));
        configure?.Invoke(builder);
        return builder.Build();
    }

    public IConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(
        string groupId, string name, Action<ConsumerBuilder<TKey, TValue>>? configure = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var baseConfig = BaseConfig(name);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            baseConfig[key] = value;
        }

        var config = new ConsumerConfig(baseConfig)
        {
            GroupId = groupId,
            // Offsets are stored by the caller after processing; auto-commit then only commits what
            // was stored (every second and on Close), never a record still being handled.
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1_000,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Not cooperative-sticky: librdkafka 2.0.2 (Debian's) aborts the process when such a
            // consumer is closed before its first assignment (librdkafka #4312, fixed in 2.3.0).
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.RoundRobin,
            FetchWaitMaxMs = _options.FetchWaitMaxMs,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
        if (_options.SessionTimeoutMs is { } sessionTimeout)
        {
            config.SessionTimeoutMs = sessionTimeout;
            // Kafka's guidance: heartbeat at most a third of the session timeout.
            config.HeartbeatIntervalMs = Math.Min(3_000, sessionTimeout / 3);
        }

        var builder = new ConsumerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, m) => Log(m))
            .SetErrorHandler((_, e) => OnError("consumer", name, e));
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Admin client for metadata and topic creation (health check, provisioner).</summary>
    public IAdminClient CreateAdminClient(string name, Action<AdminClientConfig>? configure = null)
    {
        var config = new AdminClientConfig(BaseConfig(name));
        configure?.Invoke(config);
        return new AdminClientBuilder(config)
            .SetLogHandler((_, m) => Log(m))
            .SetErrorHandler((_, e) => OnError("admin", name, e))
            .Build();
    }

    private Dictionary<string, string> BaseConfig(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // Passthrough settings first so the ones below always win.
        return new Dictionary<string, string>(_options.Client, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = bootstrap.BootstrapServers,
            ["client.id"] = $"{_options.ClientId}-{name}-{Environment.MachineName}",
        };
    }

    private void Log(LogMessage message)
    {
        var level = LibrdkafkaLog.ToLogLevel((int)message.Level);
        if (_logger.IsEnabled(level))
        {
            _logger.Log(level, "librdkafka {Client} [{Facility}] {Message}", message.Name, message.Facility, message.Message);
        }
    }

    private void OnError(string kind, string name, Error error)
    {
        metrics.ClientError(kind, error.Code.ToString(), error.IsFatal);
        // Non-fatal errors (a broker restarting, all brokers briefly down) are retried by librdkafka.
        _logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Warning,
            "Kafka {Kind} {Name} reported {Code}: {Reason}", kind, name, error.Code, error.Reason);
    }
}
