using Confluent.Kafka;

namespace Tartware.Messaging;

/// <summary>
/// Creates Kafka clients with Tartware's reliability settings and the configured broker (or the
/// embedded mock). Callers own and dispose the clients they create.
/// </summary>
public interface IKafkaClientFactory
{
    /// <summary>
    /// An idempotent producer (acks=all, at most 5 in flight, so retries neither duplicate nor reorder
    /// records of a partition), with client id <c>{ClientId}-{name}-{machine}</c>.
    /// </summary>
    /// <param name="name">Short role name, e.g. <c>outbox-relay</c>.</param>
    /// <param name="configure">Optional: serializers or handlers; Tartware's log and error handlers are already set.</param>
    IProducer<TKey, TValue> CreateProducer<TKey, TValue>(string name, Action<ProducerBuilder<TKey, TValue>>? configure = null);

    /// <summary>
    /// A group consumer that starts at the earliest offset when the group has none, and stores an
    /// offset only when the caller calls <c>StoreOffset</c> after processing: stored offsets are
    /// committed in the background and on <c>Close()</c>, so delivery is at-least-once and exactly-once
    /// is left to the PostgreSQL inbox. Assignment is round-robin, not cooperative-sticky, whose assignor in
    /// librdkafka 2.0.2 aborts the process when a consumer closes before its first assignment (librdkafka #4312).
    /// </summary>
    /// <param name="groupId">Consumer group id.</param>
    /// <param name="name">Short role name, used in the client id.</param>
    /// <param name="configure">Optional: deserializers or rebalance handlers (e.g. to seek to offsets kept in PostgreSQL).</param>
    /// <param name="settings">Optional librdkafka properties for this consumer (e.g. <c>fetch.max.bytes</c>); the reliability settings above still win.</param>
    IConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(
        string groupId, string name, Action<ConsumerBuilder<TKey, TValue>>? configure = null, IReadOnlyDictionary<string, string>? settings = null);
}
