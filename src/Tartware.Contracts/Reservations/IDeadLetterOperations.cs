namespace Tartware.Contracts.Reservations;

/// <summary>
/// The reservation pipeline's dead letters, for operators (<c>tartware dlq list|show|replay</c>). A dead
/// letter is a command whose retries ran out; a replay sends it again (optionally patched), moves its
/// lifecycle DLQ → PUBLISHED and is recorded in <c>messaging.operations_audit</c>.
/// </summary>
public interface IDeadLetterOperations
{
    /// <summary>Dead letters, newest first; <paramref name="status"/> PARKED (default), REPLAYED or DISCARDED.</summary>
    Task<IReadOnlyList<DeadLetterSummary>> ListAsync(string? status, Guid? tenantId, int limit, CancellationToken cancellationToken = default);

    /// <summary>One dead letter with its decoded envelope and command (as JSON); null when unknown.</summary>
    Task<DeadLetterDetail?> ShowAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a PARKED dead letter again. <paramref name="patchJson"/> is a JSON merge patch (RFC 7386)
    /// applied to the command's JSON form (<c>show</c> prints it); its ids cannot be changed.
    /// </summary>
    Task<DeadLetterReplayed> ReplayAsync(Guid id, string? patchJson, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes a PARKED dead letter without sending it (obsolete, unreadable, a duplicate), so it stops counting
    /// toward <c>/health/reliability</c>; audited with the reason. False when it was not PARKED.
    /// </summary>
    Task<bool> DiscardAsync(Guid id, string reason, string actor, CancellationToken cancellationToken = default);
}

/// <summary>A dead letter in a list.</summary>
public sealed record DeadLetterSummary(Guid Id, DateTimeOffset DeadAt, Guid? TenantId, string? EventType, Guid? CommandId, Guid? ReservationId,
    int Attempts, string FailureCause, string Status, int Replays, string Topic, int Partition, long Offset);

/// <summary>A dead letter with what it carried.</summary>
public sealed record DeadLetterDetail(DeadLetterSummary Summary, string? EventId, string? CorrelationId, int RetryCount, string? CommandJson,
    DateTimeOffset FirstFailedAt, DateTimeOffset? ReplayedAt, string? ReplayedBy);

/// <summary>What a replay did.</summary>
public sealed record DeadLetterReplayed(Guid Id, Guid? CommandId, Guid OutboxId, bool Patched, int RetryCount, string CorrelationId);
