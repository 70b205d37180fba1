using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Tartware.Messaging;

/// <summary>
/// Creates missing topics: through the mock API when the cluster is embedded (the mock does not
/// implement CreateTopics), through the Admin API otherwise.
/// </summary>
internal sealed class TopicProvisioner(
    IKafkaBootstrap bootstrap,
    KafkaClientFactory clients,
    MessagingMetrics metrics,
    ILogger<TopicProvisioner> logger) : ITopicProvisioner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    public async Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var wanted = topics.ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        if (bootstrap.EmbeddedCluster is { } cluster)
        {
            foreach (var topic in wanted)
            {
                // A mock with fewer brokers cannot hold more replicas; durability is moot there anyway.
                var created = cluster.CreateTopic(topic.Name, topic.Partitions, Math.Min(topic.ReplicationFactor, cluster.BrokerCount));
                logger.LogInformation("Embedded Kafka topic {Topic} {Outcome}", topic.Name, created ? "created" : "already exists");
            }

            return;
        }

        using var admin = clients.CreateAdminClient("provisioner");
        var metadata = await Task.Run(() => admin.GetMetadata(s_timeout), cancellationToken);
        var existing = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).ToDictionary(t => t.Topic, t => t.Partitions.Count);
        foreach (var topic in wanted.Where(t => existing.TryGetValue(t.Name, out var count) && count < t.Partitions))
        {
            logger.LogWarning("Kafka topic {Topic} has {Actual} partitions, fewer than the {Wanted} configured; it is not changed",
                topic.Name, existing[topic.Name], topic.Partitions);
        }

        var missing = wanted.Where(t => !existing.ContainsKey(t.Name)).ToList();
        if (missing.Count > 0)
        {
            await CreateAsync(admin, missing);
        }
    }

    private async Task CreateAsync(IAdminClient admin, List<TopicSpec> missing)
    {
        var specs = missing.Select(t => new TopicSpecification
        {
            Name = t.Name,
            NumPartitions = t.Partitions,
            ReplicationFactor = t.ReplicationFactor,
        });
        try
        {
            await admin.CreateTopicsAsync(specs, new CreateTopicsOptions { RequestTimeout = s_timeout, OperationTimeout = s_timeout });
            logger.LogInformation("Created Kafka topics {Topics}", string.Join(", ", missing));
        }
        catch (CreateTopicsException ex)
        {
            // Another instance may have won the race; only real failures count.
            var failed = ex.Results.Where(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).ToList();
            foreach (var result in failed)
            {
                metrics.ProvisioningError(result.Topic);
            }

            if (failed.Count > 0)
            {
                throw new InvalidOperationException("Could not create Kafka topics: "
                    + string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Reason}")), ex);
            }
        }
        catch (KafkaException ex)
        {
            foreach (var topic in missing)
            {
                metrics.ProvisioningError(topic.Name);
            }

            // A librdkafka mock running as a separate process (tartware dev-broker) never answers
            // CreateTopics; its topics must be passed to it on the command line.
            throw new InvalidOperationException(
                $"Could not create Kafka topics {string.Join(", ", missing.Select(t => t.Name))}: {ex.Error.Reason}. "
                + "If the broker is `tartware dev-broker`, create them with --topic name:partitions.", ex);
        }
    }
}
