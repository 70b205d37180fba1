using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Tartware.Contracts.Messaging.V1;

namespace Tartware.Reservations.Commands;

/// <summary>Wraps a command or fact in the platform envelope (docs/architecture.md §5).</summary>
internal static class EnvelopeFactory
{
    public static Envelope Create(Guid eventId, string eventType, Guid tenantId, Guid aggregateId, string actor,
        string? correlationId, string? causationId, DateTimeOffset occurredAt, IMessage payload) => new()
        {
            EventId = eventId.ToString(),
            EventType = eventType,
            SchemaVersion = 1,
            TenantId = tenantId.ToString(),
            AggregateId = aggregateId.ToString(),
            CorrelationId = correlationId ?? eventId.ToString(),
            CausationId = causationId ?? string.Empty,
            OccurredAt = Timestamp.FromDateTimeOffset(occurredAt),
            Actor = actor,
            Payload = payload.ToByteString(),
        };
}
