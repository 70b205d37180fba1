using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Messaging.Tests.Infrastructure;

namespace Tartware.Messaging.Tests;

public sealed class KafkaRoundTripTests(KafkaFixture kafka)
{
    private const int MessageCount = 500;
    private const int KeyCount = 25;
    private const int ProcessedByFirst = MessageCount / 2;
    /// <summary>Records the first consumer receives but "crashes" before processing: never stored.</summary>
    private const int UnstoredTail = 10;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Consumer_group_resumes_after_the_last_stored_offset_without_loss_duplicates_or_reordering()
    {
        var topic = KafkaFixture.UniqueName("roundtrip");
        var partitions = await kafka.CreateTopicAsync(topic, 4);
        partitions.ShouldBeGreaterThan(1);
        await using var services = TestServices.Create(kafka.BootstrapServers);
        var factory = services.GetRequiredService<IKafkaClientFactory>();
        var produced = await ProduceAsync(factory, topic);
        produced.Select(r => r.Partition.Value).Distinct().Count().ShouldBe(partitions);
        var group = KafkaFixture.UniqueName("group");

        List<string> first = [];
        List<string> unstored = [];
        using (var consumer = factory.CreateConsumer<string, string>(group, "first"))
        {
            consumer.Subscribe(topic);
            while (first.Count < ProcessedByFirst)
            {
                var record = Next(consumer);
                first.Add(record.Message.Value);
                consumer.StoreOffset(record);
            }

            while (unstored.Count < UnstoredTail)
            {
                unstored.Add(Next(consumer).Message.Value);
            }

            // Close leaves the group and commits what was stored (auto-commit of the offset store).
            consumer.Close();
        }

        List<string> second = [];
        using (var consumer = factory.CreateConsumer<string, string>(group, "second"))
        {
            consumer.Subscribe(topic);
            while (second.Count < MessageCount - ProcessedByFirst)
            {
                var record = Next(consumer);
                second.Add(record.Message.Value);
                consumer.StoreOffset(record);
            }

            // Together the two consumers committed the end of every partition: nothing left behind.
            consumer.Commit();
            foreach (var committed in consumer.Committed(consumer.Assignment, TimeSpan.FromSeconds(5)))
            {
                var high = consumer.QueryWatermarkOffsets(committed.TopicPartition, TimeSpan.FromSeconds(5)).High;
                committed.Offset.ShouldBe(high, $"committed offset of {committed.TopicPartition}");
            }

            consumer.Close();
        }

        var all = produced.Select(r => r.Message.Value).ToList();
        first.Intersect(second).ShouldBeEmpty("a stored offset was redelivered");
        first.Concat(second).Order().ShouldBe(all.Order(), "the union must be exactly the produced set");
        unstored.ShouldAllBe(v => second.Contains(v), "received but unstored records are redelivered");
        foreach (var key in all.GroupBy(KeyOf))
        {
            first.Concat(second).Where(v => KeyOf(v) == key.Key).ShouldBe(key, $"order of key {key.Key}");
        }
    }

    private static async Task<IReadOnlyList<DeliveryResult<string, string>>> ProduceAsync(IKafkaClientFactory factory, string topic)
    {
        using var producer = factory.CreateProducer<string, string>("roundtrip");
        // Calls are issued in order (each key's sequence ascending) and awaited together: the
        // idempotent producer keeps per-partition order even with several requests in flight.
        var deliveries = Enumerable.Range(0, MessageCount)
            .Select(i => producer.ProduceAsync(topic, new Message<string, string>
            {
                Key = $"key-{i % KeyCount}",
                Value = $"key-{i % KeyCount}/{i / KeyCount:D3}",
            }, TestContext.Current.CancellationToken))
            .ToList();
        var results = await Task.WhenAll(deliveries);
        results.ShouldAllBe(r => r.Status == PersistenceStatus.Persisted);
        return results;
    }

    private static ConsumeResult<string, string> Next(IConsumer<string, string> consumer)
    {
        // The first call includes the group join (about 3 s on the mock), hence a generous deadline.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } record)
            {
                return record;
            }
        }

        throw new TimeoutException($"No record within {s_deadline.TotalSeconds} s on {string.Join(", ", consumer.Assignment)}.");
    }

    private static string KeyOf(string value) => value[..value.IndexOf('/', StringComparison.Ordinal)];
}
