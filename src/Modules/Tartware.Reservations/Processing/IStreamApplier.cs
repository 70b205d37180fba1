using System.Data.Common;
using Google.Protobuf;
using Tartware.Contracts.Messaging.V1;

namespace Tartware.Reservations.Processing;

/// <summary>
/// What applying one command decided, inside the message's transaction: the fact to publish, a
/// rejection (terminal, never retried), and a short JSON result the API answers a waiting client with.
/// </summary>
internal sealed record Decision(string FactType, IMessage Fact, string? RejectionCode = null, string? RejectionDetail = null, string? Result = null)
{
    public bool Rejected => RejectionCode is not null;
}

/// <summary>The business half of one stream's commands (<see cref="MessageHandler"/> does the rest, the same for every stream).</summary>
internal interface IStreamApplier
{
    /// <summary>The envelope event type of the commands it applies.</summary>
    string EventType { get; }

    /// <summary>Applies the command in the transaction. Business outcomes are decisions; anything thrown is a failure the retry policy handles.</summary>
    Task<Decision> ApplyAsync(DbTransaction tx, Guid tenantId, Envelope envelope, IMessage command, CancellationToken ct);
}
