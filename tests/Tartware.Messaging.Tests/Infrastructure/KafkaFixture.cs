using Confluent.Kafka;
using Tartware.Messaging.Mock;
using Tartware.Messaging.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(KafkaFixture))]

namespace Tartware.Messaging.Tests.Infrastructure;

/// <summary>
/// The broker for this test run: the one scripts/test.sh started (<c>tartware dev-broker</c>, exported
/// as TARTWARE__Kafka__BootstrapServers), or else one mock cluster in this process so the tests also
/// run from an IDE. Tests isolate themselves by unique topic and group names, never by order.
/// </summary>
public sealed class KafkaFixture : IDisposable
{
    public const string BootstrapVariable = "TARTWARE__Kafka__BootstrapServers";

    /// <summary>Partition count the librdkafka mock gives a topic it creates on first metadata request.</summary>
    private const int MockAutoCreatePartitions = 4;

    public KafkaFixture()
    {
        var external = Environment.GetEnvironmentVariable(BootstrapVariable);
        if (string.IsNullOrWhiteSpace(external) || external.Trim() == KafkaOptions.Embedded)
        {
            Cluster = MockKafkaCluster.Start(3);
            BootstrapServers = Cluster.BootstrapServers;
        }
        else
        {
            BootstrapServers = external.Trim();
        }
    }

    public string BootstrapServers { get; }

    /// <summary>The in-process cluster, or null when the run uses an external broker.</summary>
    public MockKafkaCluster? Cluster { get; }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// Creates a topic and returns its actual partition count. An external dev-broker is a mock too,
    /// which does not implement CreateTopics: there the topic is auto-created by a metadata request
    /// (admin clients are producer handles, which allow auto-creation) with the mock's default count.
    /// </summary>
    public async Task<int> CreateTopicAsync(string name, int partitions)
    {
        if (Cluster is not null)
        {
            Cluster.CreateTopic(name, partitions);
            return partitions;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers })
            .SetLogHandler((_, _) => { })
            .Build();
        return await Poll.ValueAsync(() =>
        {
            var topic = admin.GetMetadata(name, TimeSpan.FromSeconds(2)).Topics.Single();
            return topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0 ? topic.Partitions.Count : (int?)null;
        }, TimeSpan.FromSeconds(10), $"auto-creation of topic {name} (expected {MockAutoCreatePartitions} partitions)");
    }

    public void Dispose() => Cluster?.Dispose();
}
