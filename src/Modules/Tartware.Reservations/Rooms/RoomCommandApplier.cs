using System.Data.Common;
using System.Globalization;
using Google.Protobuf;
using Tartware.Contracts.Availability;
using Tartware.Contracts.Messaging.V1;
using Tartware.Contracts.Properties;
using Tartware.Contracts.Rooms.V1;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Processing;

namespace Tartware.Reservations.Rooms;

/// <summary>
/// The rooms stream's business half, inside the message's transaction: dated blocks through the
/// availability guard (a blocked night of the room's type plus the room itself), their release, and the
/// housekeeping status through the Properties façade. Refusals (no free room, a stay on the room, nothing
/// to release, an inspection of a dirty room, a room that is gone) are rejections, never retried.
/// </summary>
internal sealed class RoomCommandApplier(IAvailabilityGuard guard, IRoomDirectory rooms, IRoomHousekeeping housekeeping) : IStreamApplier
{
    public string EventType => RoomCommandKinds.EventType;

    public async Task<Decision> ApplyAsync(DbTransaction tx, Guid tenantId, Envelope envelope, IMessage message, CancellationToken ct)
    {
        var command = (RoomCommand)message;
        var roomId = Guid.Parse(command.RoomId);
        var fact = new RoomFact { CommandId = command.CommandId, RoomId = command.RoomId, PropertyId = command.PropertyId };
        if (await rooms.FindRoomAsync(tx, roomId, ct) is not { } room)
        {
            return Reject(fact, RoomRejections.RoomNotFound, "The room no longer exists.");
        }

        return command.CommandCase switch
        {
            RoomCommand.CommandOneofCase.Block => await BlockAsync(tx, tenantId, room, command.CommandId, RoomBlockKinds.Block, "room.blocked", command.Block, envelope.Actor, fact, ct),
            RoomCommand.CommandOneofCase.OutOfOrder => await BlockAsync(tx, tenantId, room, command.CommandId, RoomBlockKinds.OutOfOrder, "room.out_of_order",
                command.OutOfOrder, envelope.Actor, fact, ct),
            RoomCommand.CommandOneofCase.OutOfService => await BlockAsync(tx, tenantId, room, command.CommandId, RoomBlockKinds.OutOfService, "room.out_of_service",
                command.OutOfService, envelope.Actor, fact, ct),
            RoomCommand.CommandOneofCase.Release => await ReleaseAsync(tx, tenantId, room, command.Release, envelope.Actor, fact, ct),
            RoomCommand.CommandOneofCase.HousekeepingStatus => await HousekeepingAsync(tx, room, command.HousekeepingStatus, fact, ct),
            _ => throw new InvalidOperationException($"Room command {command.CommandId} carries no known body."),
        };
    }

    private async Task<Decision> BlockAsync(DbTransaction tx, Guid tenantId, RoomInfo room, string commandId, string kind, string factType, RoomBlock block,
        string actor, RoomFact fact, CancellationToken ct)
    {
        var (from, to) = (Date(block.From), Date(block.To));
        // The command id is the lock's idempotency key: a re-delivered or replayed copy finds the same lock.
        var outcome = await guard.BlockRoomAsync(tx, new RoomBlockClaim(tenantId, room.PropertyId, room.Id, kind, from, to, commandId, actor,
            ReservationRecord.Empty(block.Reason), block.Force), ct);
        fact.From = block.From;
        fact.To = block.To;
        if (!outcome.Succeeded)
        {
            fact.AffectedReservations.AddRange(outcome.AffectedReservations);
            var detail = outcome.Problem == RoomRejections.NoAvailability
                ? $"No other room of its type is free on {string.Join(", ", outcome.ConflictingNights.Take(10).Select(n => ReservationRecord.Iso(n.Night)))}"
                  + $"{(outcome.ConflictingNights.Count > 10 ? " and more" : "")}; move or cancel the stays listed, or force the block."
                : outcome.Problem == RoomRejections.RoomOccupied
                    ? "A stay holds this room on some of these nights; move it or force the block (the stay keeps its booking, not the room)."
                    : outcome.Problem == RoomRejections.RoomBlocked
                        ? "The room already has a block or a hold on some of these nights; release it first (force does not override a block)."
                        : $"The block was refused ({outcome.Problem}).";
            return Reject(fact, outcome.Problem ?? RoomRejections.NoAvailability, detail,
                new RoomCommandResult(From: from, To: to, Nights: outcome.ConflictingNights, Reservations: outcome.AffectedReservations));
        }

        fact.LockIds.Add(outcome.LockId!.Value.ToString());
        fact.Forced = outcome.Forced;
        return new Decision(factType, fact, Result: new RoomCommandResult(outcome.LockId, From: from, To: to, Forced: outcome.Forced).ToJson());
    }

    private async Task<Decision> ReleaseAsync(DbTransaction tx, Guid tenantId, RoomInfo room, RoomRelease release, string actor, RoomFact fact, CancellationToken ct)
    {
        // Empty means every dated block; anything else must be a lock id (a malformed one is a failure, never "all").
        var lockId = string.IsNullOrEmpty(release.LockId) ? (Guid?)null : Guid.Parse(release.LockId);
        var ended = await guard.ReleaseRoomBlocksAsync(tx, tenantId, room.Id, lockId, ReservationRecord.Empty(release.Reason) ?? "released", actor, ct);
        if (ended.Count == 0)
        {
            return Reject(fact, RoomRejections.NoActiveBlock, lockId is null
                ? "The room has no active dated block to release (a room whose status is out of order comes back through its status)."
                : "That lock is not an active dated block of this room.");
        }

        fact.LockIds.AddRange(ended.Select(e => e.ToString()));
        return new Decision("room.released", fact, Result: new RoomCommandResult(ReleasedLockIds: ended).ToJson());
    }

    private async Task<Decision> HousekeepingAsync(DbTransaction tx, RoomInfo room, HousekeepingStatus change, RoomFact fact, CancellationToken ct)
    {
        var outcome = await housekeeping.SetHousekeepingStatusAsync(tx, room.Id, change.Status, ct);
        fact.PreviousHousekeepingStatus = outcome.Previous ?? string.Empty;
        if (!outcome.Succeeded)
        {
            return outcome.Problem == RoomRejections.RoomNotFound
                ? Reject(fact, RoomRejections.RoomNotFound, "The room no longer exists.")
                : Reject(fact, RoomRejections.InvalidTransition, $"A {outcome.Previous} room cannot become {change.Status}; it must be CLEAN first.",
                    new RoomCommandResult(HousekeepingStatus: outcome.Previous));
        }

        fact.HousekeepingStatus = outcome.Current!;
        return new Decision("room.housekeeping_changed", fact,
            Result: new RoomCommandResult(HousekeepingStatus: outcome.Current, PreviousHousekeepingStatus: outcome.Previous).ToJson());
    }

    private static Decision Reject(RoomFact fact, string code, string detail, RoomCommandResult? result = null)
    {
        fact.RejectionCode = code;
        fact.RejectionDetail = detail;
        return new Decision("room.rejected", fact, code, detail, result?.ToJson());
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Problem codes of room command rejections (all 409 but room-not-found, a 404).</summary>
internal static class RoomRejections
{
    public const string NoAvailability = "no-availability";
    public const string RoomOccupied = "room-occupied";
    public const string RoomBlocked = "room-blocked";
    public const string NoActiveBlock = "no-active-block";
    public const string InvalidTransition = "invalid-transition";
    public const string RoomNotFound = "room-not-found";
}
