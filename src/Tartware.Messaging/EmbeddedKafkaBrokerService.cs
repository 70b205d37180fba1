using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tartware.Messaging;

/// <summary>
/// Starts the embedded mock cluster (<c>Kafka:BootstrapServers=embedded</c>) before any other hosted
/// service starts, so consumers and relays find a broker, and says loudly that it is not durable.
/// The cluster itself is owned, and disposed, by <see cref="KafkaBootstrap"/>.
/// </summary>
internal sealed class EmbeddedKafkaBrokerService(IKafkaBootstrap bootstrap, ILogger<EmbeddedKafkaBrokerService> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (bootstrap.EmbeddedCluster is { } cluster)
        {
            logger.LogWarning(
                "Kafka is an embedded librdkafka mock cluster of {Brokers} broker(s) at {BootstrapServers}: in-memory and NON-DURABLE, "
                + "every message is lost when this process stops. Use it for development and tests only.",
                cluster.BrokerCount, cluster.BootstrapServers);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
