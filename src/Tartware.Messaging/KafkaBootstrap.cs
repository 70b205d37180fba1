using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.Messaging.Mock;

namespace Tartware.Messaging;

/// <summary>Resolves the broker list clients connect to, whether configured or embedded.</summary>
internal interface IKafkaBootstrap
{
    /// <summary>The effective <c>bootstrap.servers</c>; starts the embedded cluster on first use.</summary>
    string BootstrapServers { get; }

    /// <summary>The in-process mock cluster when <c>Kafka:BootstrapServers</c> is <c>embedded</c>, else null.</summary>
    MockKafkaCluster? EmbeddedCluster { get; }
}

/// <summary>
/// Owns the embedded mock cluster. It starts lazily so that whichever component needs a broker first
/// (a hosted service, the health check, a test) gets it, independent of hosted-service order; the
/// container disposes it after every client that was resolved from it.
/// </summary>
internal sealed class KafkaBootstrap : IKafkaBootstrap, IDisposable
{
    private readonly Lazy<MockKafkaCluster>? _embedded;
    private readonly string _configured;

    public KafkaBootstrap(IOptions<KafkaOptions> options, ILoggerFactory loggerFactory)
    {
        var kafka = options.Value;
        _configured = kafka.BootstrapServers.Trim();
        if (kafka.IsEmbedded)
        {
            var logger = loggerFactory.CreateLogger<MockKafkaCluster>();
            _embedded = new(() => MockKafkaCluster.Start(kafka.EmbeddedBrokers, logger), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    public string BootstrapServers => _embedded?.Value.BootstrapServers ?? _configured;

    public MockKafkaCluster? EmbeddedCluster => _embedded?.Value;

    public void Dispose()
    {
        if (_embedded is { IsValueCreated: true })
        {
            _embedded.Value.Dispose();
        }
    }
}
