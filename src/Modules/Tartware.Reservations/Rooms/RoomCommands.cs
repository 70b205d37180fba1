using Tartware.Contracts.Properties;
using Tartware.Contracts.Rooms.V1;
using Tartware.Reservations.Commands;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Reservations.Rooms;

/// <summary>
/// Acceptance of room commands, the same way as reservation commands: validate, find the room (404 when
/// it is not the caller's or outside their properties), then one transaction holding the idempotency key,
/// the command with its lifecycle and the outbox row to <c>rooms.commands</c> keyed by room id. Whether
/// the block fits, the release finds a block or the status may change is the processor's to decide.
/// </summary>
internal sealed class RoomCommands(IUnitOfWorkFactory units, RequestContext caller, IRoomDirectory rooms, CommandWriter writer, TimeProvider time)
{
    /// <summary>Longest dated block: two years of nights.</summary>
    private const int MaxNights = 731;

    /// <summary>The ledger's open end (status blocks); a dated block must end before it.</summary>
    private static readonly DateOnly OpenEnd = new(9999, 12, 31);

    public static readonly IReadOnlyList<string> HousekeepingStatuses = ["CLEAN", "DIRTY", "INSPECTED", "IN_PROGRESS"];

    public Task<(RoomCommandAccepted Answer, bool Replayed)> BlockAsync(Guid roomId, string route, RoomBlockRequest request, string? key, string? correlationId,
        CancellationToken ct)
    {
        var fields = new Fields();
        var (from, to) = fields.Stay("from", request.From, "to", request.To, MaxNights);
        if (request.To >= OpenEnd)
        {
            fields.Add("to", "must be a real date; a room out of order until further notice is a room status (PUT /v1/properties/{id}/rooms/{roomId}/status)");
        }

        // A day of slack: the property's local date may still be yesterday in UTC terms.
        if (request.From < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1))
        {
            fields.Add("from", "cannot be in the past");
        }

        var reason = fields.Text("reason", request.Reason, 500, true);
        var idempotencyKey = Acceptance.Key(fields, key);
        fields.ThrowIfAny();
        var block = new RoomBlock { From = ReservationRecord.Iso(from), To = ReservationRecord.Iso(to), Reason = reason!, Force = request.Force ?? false };
        return AcceptAsync(roomId, idempotencyKey, Acceptance.Hash($"POST /v1/rooms/{roomId}/{route}", request), command =>
        {
            switch (route)
            {
                case "out-of-order":
                    command.OutOfOrder = block;
                    break;
                case "out-of-service":
                    command.OutOfService = block;
                    break;
                default:
                    command.Block = block;
                    break;
            }
        }, correlationId, ct);
    }

    public Task<(RoomCommandAccepted Answer, bool Replayed)> ReleaseAsync(Guid roomId, RoomReleaseRequest request, string? key, string? correlationId, CancellationToken ct)
    {
        var fields = new Fields();
        var reason = fields.Text("reason", request.Reason, 500, false);
        var idempotencyKey = Acceptance.Key(fields, key);
        fields.ThrowIfAny();
        return AcceptAsync(roomId, idempotencyKey, Acceptance.Hash($"POST /v1/rooms/{roomId}/release", request), command =>
            command.Release = new RoomRelease { LockId = request.LockId?.ToString() ?? string.Empty, Reason = reason ?? string.Empty }, correlationId, ct);
    }

    public Task<(RoomCommandAccepted Answer, bool Replayed)> HousekeepingAsync(Guid roomId, HousekeepingRequest request, string? key, string? correlationId,
        CancellationToken ct)
    {
        var fields = new Fields();
        var status = fields.Text("status", request.Status, 20, true)?.ToUpperInvariant();
        if (status is not null && !HousekeepingStatuses.Contains(status))
        {
            fields.Add("status", "must be one of " + string.Join(", ", HousekeepingStatuses));
        }

        var reason = fields.Text("reason", request.Reason, 500, false);
        var idempotencyKey = Acceptance.Key(fields, key);
        fields.ThrowIfAny();
        return AcceptAsync(roomId, idempotencyKey, Acceptance.Hash($"POST /v1/rooms/{roomId}/housekeeping-status", request), command =>
            command.HousekeepingStatus = new HousekeepingStatus { Status = status!, Reason = reason ?? string.Empty }, correlationId, ct);
    }

    /// <summary>The room when the caller may see it; 404 otherwise (another tenant's room does not exist for them).</summary>
    public async Task<RoomInfo> RoomAsync(System.Data.Common.DbTransaction tx, Guid roomId, CancellationToken ct)
    {
        var room = await rooms.FindRoomAsync(tx, roomId, ct);
        return room is not null && caller.CanReachProperty(room.PropertyId) ? room : throw new NotFoundException("room", roomId.ToString());
    }

    private Task<(RoomCommandAccepted Answer, bool Replayed)> AcceptAsync(Guid roomId, string key, string hash, Action<RoomCommand> body, string? correlationId,
        CancellationToken ct) =>
        Acceptance.RunAsync(units, caller.TenantId, key, hash, async tx =>
        {
            var room = await RoomAsync(tx, roomId, ct);
            var command = new RoomCommand
            {
                CommandId = Guid.CreateVersion7(time.GetUtcNow()).ToString(),
                RoomId = roomId.ToString(),
                PropertyId = room.PropertyId.ToString(),
            };
            body(command);
            var accepted = await writer.AcceptAsync(tx, caller.TenantId, command, caller.UserId.ToString(), correlationId, ct);
            return (new RoomCommandAccepted(roomId, accepted.CommandId, accepted.Kind, "PERSISTED", $"/v1/rooms/{roomId}/lifecycle"), accepted.CommandId);
        }, ct);
}
