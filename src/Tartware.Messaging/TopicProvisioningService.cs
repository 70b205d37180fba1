using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tartware.Messaging;

/// <summary>
/// Creates the configured topics (<c>Kafka:Topics</c>) while the host is starting, before any hosted
/// service's StartAsync, so no consumer subscribes to a topic that is not there yet. A failure stops
/// the host with the reason: running without the topics would only fail later and less clearly.
/// </summary>
internal sealed class TopicProvisioningService(IOptions<KafkaOptions> options, ITopicProvisioner provisioner)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        options.Value.ProvisionTopics
            ? provisioner.EnsureTopicsAsync(options.Value.Topics, cancellationToken)
            : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
