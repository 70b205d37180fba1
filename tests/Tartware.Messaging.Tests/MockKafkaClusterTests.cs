using System.Text.RegularExpressions;
using Confluent.Kafka;
using Shouldly;
using Tartware.Messaging.Mock;
using Tartware.Messaging.Tests.Infrastructure;

namespace Tartware.Messaging.Tests;

public sealed partial class MockKafkaClusterTests
{
    [Fact]
    public void Start_lists_one_localhost_address_per_broker()
    {
        using var cluster = MockKafkaCluster.Start(3);

        cluster.BrokerCount.ShouldBe(3);
        BootstrapList().IsMatch(cluster.BootstrapServers).ShouldBeTrue(cluster.BootstrapServers);
        cluster.BootstrapServers.Split(',').Length.ShouldBe(3);
    }

    [Fact]
    public void Created_topic_has_the_requested_partitions_and_creating_it_again_is_a_no_op()
    {
        using var cluster = MockKafkaCluster.Start(3);

        cluster.CreateTopic("reservations", 5, replicationFactor: 3).ShouldBeTrue();
        cluster.CreateTopic("reservations", 2).ShouldBeFalse();

        using var admin = Admin(cluster.BootstrapServers);
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(5));
        metadata.Brokers.Count.ShouldBe(3);
        var topic = metadata.Topics.Single(t => t.Topic == "reservations");
        topic.Partitions.Count.ShouldBe(5);
        topic.Partitions.ShouldAllBe(p => p.Replicas.Length == 3);
    }

    [Fact]
    public async Task Broker_set_down_refuses_clients_until_set_up_again()
    {
        using var cluster = MockKafkaCluster.Start(1);

        cluster.SetBrokerDown(1);
        using (var admin = Admin(cluster.BootstrapServers))
        {
            Should.Throw<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(1)));
        }

        cluster.SetBrokerUp(1);
        using var fresh = Admin(cluster.BootstrapServers);
        await Poll.UntilAsync(() => fresh.GetMetadata(TimeSpan.FromSeconds(1)).Brokers.Count == 1,
            TimeSpan.FromSeconds(10), "the broker to accept connections again");
    }

    [Fact]
    public void Unknown_broker_and_bad_arguments_are_rejected()
    {
        using var cluster = MockKafkaCluster.Start(2);

        Should.Throw<ArgumentOutOfRangeException>(() => cluster.SetBrokerDown(3));
        Should.Throw<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", 0));
        Should.Throw<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", 1, replicationFactor: 3));
        Should.Throw<ArgumentOutOfRangeException>(() => MockKafkaCluster.Start(0));
    }

    [Fact]
    public void Dispose_is_idempotent_and_safe_from_many_threads_and_later_calls_fail_clearly()
    {
        var cluster = MockKafkaCluster.Start(1);

        Parallel.For(0, 8, _ => cluster.Dispose());
        cluster.Dispose();

        Should.Throw<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
        Should.Throw<ObjectDisposedException>(() => cluster.SetBrokerUp(1));
    }

    private static IAdminClient Admin(string bootstrapServers) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
            .SetLogHandler((_, _) => { })
            .Build();

    [GeneratedRegex(@"^127\.0\.0\.1:\d{1,5}(,127\.0\.0\.1:\d{1,5})*$")]
    private static partial Regex BootstrapList();
}
