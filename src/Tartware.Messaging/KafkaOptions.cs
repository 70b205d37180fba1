namespace Tartware.Messaging;

/// <summary>
/// Kafka settings, bound from the <c>Kafka</c> configuration section
/// (environment: <c>TARTWARE__Kafka__BootstrapServers</c> and so on).
/// </summary>
public sealed class KafkaOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "Kafka";

    /// <summary>
    /// The <see cref="BootstrapServers"/> value that hosts a mock cluster inside this process:
    /// in-memory and NON-DURABLE, for development and tests only.
    /// </summary>
    public const string Embedded = "embedded";

    /// <summary>Required. Broker list (<c>host:port,host:port</c>) or <see cref="Embedded"/>.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Prefix of every client id: <c>{ClientId}-{name}-{machine}</c>, visible in broker logs and quotas.</summary>
    public string ClientId { get; set; } = "tartware";

    /// <summary>Topics this process ensures exist at startup, as <c>name:partitions</c> strings or objects.</summary>
    public IList<TopicSpec> Topics { get; } = [];

    /// <summary>Problems found reading <see cref="Topics"/>, reported by validation with their configuration keys.</summary>
    internal List<string> TopicErrors { get; } = [];

    /// <summary>Whether <see cref="Topics"/> are created at startup when missing (default true).</summary>
    public bool ProvisionTopics { get; set; } = true;

    /// <summary>
    /// Longest time a broker holds an empty fetch (librdkafka <c>fetch.wait.max.ms</c>, default 500).
    /// The mock cluster always waits this long on an empty fetch, so dev/test/bench set 10-50 ms.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 500;

    /// <summary>
    /// Consumer <c>session.timeout.ms</c>; null keeps librdkafka's 45 s. The mock cluster makes a member
    /// joining a group its last member just left wait this long less 1 s, so dev/test set 6000
    /// (the smallest value real brokers accept by default).
    /// </summary>
    public int? SessionTimeoutMs { get; set; }

    /// <summary>Broker count of the embedded mock cluster when <see cref="BootstrapServers"/> is <see cref="Embedded"/>.</summary>
    public int EmbeddedBrokers { get; set; } = 1;

    /// <summary>
    /// Extra librdkafka properties passed to every client as they are, e.g. <c>security.protocol</c>,
    /// <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>sasl.password</c>, <c>ssl.ca.location</c>.
    /// They are applied first, so the settings Tartware relies on (idempotence, acks, manual offset
    /// store) cannot be weakened by them. Values are never logged.
    /// </summary>
    public IDictionary<string, string> Client { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether this process hosts its own mock cluster.</summary>
    public bool IsEmbedded => string.Equals(BootstrapServers.Trim(), Embedded, StringComparison.OrdinalIgnoreCase);
}
