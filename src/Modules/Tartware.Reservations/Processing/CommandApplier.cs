using System.Data.Common;
using System.Globalization;
using Google.Protobuf;
using Tartware.Contracts.Availability;
using Tartware.Contracts.Messaging.V1;
using Tartware.Contracts.Properties;
using Tartware.Contracts.Reservations.V1;
using Tartware.Reservations.Commands;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Processing;

/// <summary>What applying a command decided: a fact to publish, or a rejection (terminal, never retried).</summary>
internal sealed record ApplyResult(string FactType, ReservationRecord? Reservation, string? RejectionCode = null, string? RejectionDetail = null)
{
    public bool Rejected => RejectionCode is not null;

    public static ApplyResult Reject(string code, string detail, ReservationRecord? reservation = null) => new("reservation.rejected", reservation, code, detail);
}

/// <summary>
/// The processor's business half, inside the message's transaction: the availability guard's claim,
/// reclaim or release, the reservation row and its status history. Business outcomes (no inventory, a
/// transition the status does not allow, a blacklisted guest, a room taken) are results; anything
/// thrown is a failure the retry policy handles.
/// </summary>
internal sealed class CommandApplier(IAvailabilityGuard guard, IPropertyDirectory directory) : IStreamApplier
{
    public string EventType => CommandKinds.EventType;

    async Task<Decision> IStreamApplier.ApplyAsync(DbTransaction tx, Guid tenantId, Envelope envelope, IMessage command, CancellationToken ct)
    {
        var reservationCommand = (ReservationCommand)command;
        var result = await ApplyAsync(tx, tenantId, reservationCommand, envelope.Actor, ct);
        var fact = new ReservationFact
        {
            CommandId = reservationCommand.CommandId,
            RejectionCode = result.RejectionCode ?? string.Empty,
            RejectionDetail = result.RejectionDetail ?? string.Empty,
        };
        if (result.Reservation is { } reservation)
        {
            fact.Reservation = reservation.ToSnapshot();
            if (reservation.Stay.Fallback is { } fallback)
            {
                fact.Fallback = fallback;
            }
        }

        return new Decision(result.FactType, fact, result.RejectionCode, result.RejectionDetail);
    }

    public Task<ApplyResult> ApplyAsync(DbTransaction tx, Guid tenantId, ReservationCommand command, string actor, CancellationToken ct)
    {
        var id = Guid.Parse(command.ReservationId);
        var commandId = Guid.Parse(command.CommandId);
        return command.CommandCase switch
        {
            ReservationCommand.CommandOneofCase.Create => CreateAsync(tx, tenantId, id, commandId, command.Create, actor, ct),
            ReservationCommand.CommandOneofCase.Modify => ModifyAsync(tx, tenantId, id, commandId, command.Modify, actor, ct),
            ReservationCommand.CommandOneofCase.Cancel => EndAsync(tx, tenantId, id, commandId, ReservationStatus.Confirmed, ReservationStatus.Cancelled,
                "reservation.cancelled", command.Cancel.Reason, actor, ct),
            ReservationCommand.CommandOneofCase.NoShow => EndAsync(tx, tenantId, id, commandId, ReservationStatus.Confirmed, ReservationStatus.NoShow,
                "reservation.no_show", ReservationRecord.Empty(command.NoShow.Reason), actor, ct),
            ReservationCommand.CommandOneofCase.CheckOut => EndAsync(tx, tenantId, id, commandId, ReservationStatus.CheckedIn, ReservationStatus.CheckedOut,
                "reservation.checked_out", null, actor, ct),
            ReservationCommand.CommandOneofCase.CheckIn => RoomAsync(tx, tenantId, id, commandId, ReservationRecord.Empty(command.CheckIn.RoomId), checkIn: true, actor, ct),
            ReservationCommand.CommandOneofCase.AssignRoom => RoomAsync(tx, tenantId, id, commandId, command.AssignRoom.RoomId, checkIn: false, actor, ct),
            _ => throw new InvalidOperationException($"Command {command.CommandId} carries no known body."),
        };
    }

    private async Task<ApplyResult> CreateAsync(DbTransaction tx, Guid tenantId, Guid id, Guid commandId, CreateReservation create, string actor, CancellationToken ct)
    {
        if (await ReservationRecord.FindAsync(tx, id, true, ct) is { } existing)
        {
            // Decided by an earlier copy of this create (a second command with the same reservation id cannot be accepted): nothing to do.
            return new ApplyResult("reservation.created", existing);
        }

        var stay = create.Stay;
        var propertyId = Guid.Parse(create.PropertyId);
        var (arrival, departure) = (Date(stay.Arrival), Date(stay.Departure));
        if (Guid.TryParse(create.Guest.GuestId, out var guestId) && await directory.FindGuestAsync(tx, guestId, ct) is { Blacklisted: true } guest)
        {
            return await RejectCreateAsync(tx, tenantId, id, commandId, create, Rejections.GuestBlacklisted,
                $"The guest is blacklisted: {guest.BlacklistReason}", actor, ct);
        }

        var claim = await guard.ClaimAsync(tx, new InventoryClaim(tenantId, propertyId, Guid.Parse(stay.RoomTypeId), arrival, departure, 1, id.ToString(), actor,
            "reservation"), ct);
        if (!claim.Succeeded)
        {
            var nights = string.Join(", ", claim.ConflictingNights.Select(n => ReservationRecord.Iso(n.Night)));
            return await RejectCreateAsync(tx, tenantId, id, commandId, create, Rejections.NoAvailability,
                $"No room of this type is available on {nights}.", actor, ct);
        }

        // Taken last, so the per-property counter row is locked as briefly as possible; a rollback gives the number back.
        var number = await tx.Sql("""
            insert into reservations.confirmation_counters (tenant_id, property_id, last_number) values ($1, $2, 1)
            on conflict (tenant_id, property_id) do update set last_number = confirmation_counters.last_number + 1
            returning last_number
            """).Bind(tenantId, propertyId).ScalarAsync<long>(ct);
        await InsertAsync(tx, tenantId, id, create, ReservationStatus.Confirmed, number.ToString("D7", CultureInfo.InvariantCulture), null, null, ct);
        await HistoryAsync(tx, tenantId, id, null, ReservationStatus.Confirmed, commandId, actor, null, ct);
        return new ApplyResult("reservation.created", await ReservationRecord.FindAsync(tx, id, false, ct));
    }

    private async Task<ApplyResult> RejectCreateAsync(DbTransaction tx, Guid tenantId, Guid id, Guid commandId, CreateReservation create, string code, string detail,
        string actor, CancellationToken ct)
    {
        await InsertAsync(tx, tenantId, id, create, ReservationStatus.Rejected, null, code, detail, ct);
        await HistoryAsync(tx, tenantId, id, null, ReservationStatus.Rejected, commandId, actor, detail, ct);
        return ApplyResult.Reject(code, detail, await ReservationRecord.FindAsync(tx, id, false, ct));
    }

    private async Task<ApplyResult> ModifyAsync(DbTransaction tx, Guid tenantId, Guid id, Guid commandId, ModifyReservation modify, string actor, CancellationToken ct)
    {
        var current = await ReservationRecord.FindAsync(tx, id, true, ct);
        if (current is null)
        {
            return ApplyResult.Reject(Rejections.NotFound, "The reservation does not exist.");
        }

        var stay = modify.Stay;
        var moves = stay is not null && (stay.RoomTypeId != current.Stay.RoomTypeId || stay.Arrival != current.Stay.Arrival || stay.Departure != current.Stay.Departure);
        var allowed = current.Status == ReservationStatus.Confirmed || (current.Status == ReservationStatus.CheckedIn && !moves);
        if (!allowed)
        {
            return ApplyResult.Reject(Rejections.InvalidTransition, $"A {current.Status} reservation cannot be modified{(moves ? " to another stay" : "")}.", current);
        }

        if (moves)
        {
            var claim = await guard.ReclaimAsync(tx, new InventoryClaim(tenantId, current.PropertyId, Guid.Parse(stay!.RoomTypeId), Date(stay.Arrival),
                Date(stay.Departure), 1, id.ToString(), actor, "reservation modified"), ct);
            if (!claim.Succeeded)
            {
                var nights = string.Join(", ", claim.ConflictingNights.Select(n => ReservationRecord.Iso(n.Night)));
                return ApplyResult.Reject(Rejections.NoAvailability, $"No room of this type is available on {nights}; the reservation is unchanged.", current);
            }
        }

        var next = stay ?? current.Stay;
        var guest = modify.Guest ?? current.Guest;
        await tx.Sql("""
            update reservations.reservations set room_type_id = $2, arrival = $3, departure = $4, adults = $5, children = $6, requested_rate_code = $7,
                rate_code = $8, rate_plan_id = $9, currency = $10, nightly = $11::jsonb, total = $12, cancellation = $13::jsonb, fallback = $14::jsonb,
                guest_first_name = $15, guest_last_name = $16, guest_email = $17, guest_phone = $18, notes = case when $19 then $20 else notes end,
                room_id = case when $21 then null else room_id end, version = version + 1, updated_at = now()
            where id = $1
            """).Bind(id, Guid.Parse(next.RoomTypeId), Date(next.Arrival), Date(next.Departure), next.Adults, next.Children, ReservationRecord.Empty(next.RequestedRateCode),
                ReservationRecord.Empty(next.RateCode), Guid.TryParse(next.RatePlanId, out var plan) ? plan : null, ReservationRecord.Empty(next.Currency),
                ReservationRecord.NightsJson(next), ReservationRecord.Empty(next.Total) is { } t ? decimal.Parse(t, CultureInfo.InvariantCulture) : null,
                ReservationRecord.CancellationJsonOf(next), ReservationRecord.FallbackJsonOf(next), guest.FirstName, guest.LastName,
                ReservationRecord.Empty(guest.Email), ReservationRecord.Empty(guest.Phone), modify.NotesSet, ReservationRecord.Empty(modify.Notes), moves)
            .ExecAsync(ct);
        await HistoryAsync(tx, tenantId, id, current.Status, current.Status, commandId, actor, "modified", ct);
        return new ApplyResult("reservation.modified", await ReservationRecord.FindAsync(tx, id, false, ct));
    }

    private async Task<ApplyResult> EndAsync(DbTransaction tx, Guid tenantId, Guid id, Guid commandId, string from, string to, string fact, string? reason,
        string actor, CancellationToken ct)
    {
        var current = await ReservationRecord.FindAsync(tx, id, true, ct);
        if (current is null || current.Status != from)
        {
            return ApplyResult.Reject(current is null ? Rejections.NotFound : Rejections.InvalidTransition,
                current is null ? "The reservation does not exist." : $"A {current.Status} reservation cannot become {to}.", current);
        }

        await guard.ReleaseAsync(tx, tenantId, id.ToString(), to.ToLowerInvariant(), actor, ct);
        await tx.Sql("""
            update reservations.reservations set status = $2, cancel_reason = coalesce($3, cancel_reason), version = version + 1, updated_at = now() where id = $1
            """).Bind(id, to, to == ReservationStatus.Cancelled ? reason : null).ExecAsync(ct);
        await HistoryAsync(tx, tenantId, id, from, to, commandId, actor, reason, ct);
        return new ApplyResult(fact, await ReservationRecord.FindAsync(tx, id, false, ct));
    }

    private async Task<ApplyResult> RoomAsync(DbTransaction tx, Guid tenantId, Guid id, Guid commandId, string? roomId, bool checkIn, string actor, CancellationToken ct)
    {
        var current = await ReservationRecord.FindAsync(tx, id, true, ct);
        var allowed = current is not null && (current.Status == ReservationStatus.Confirmed || (!checkIn && current.Status == ReservationStatus.CheckedIn));
        if (current is null || !allowed)
        {
            return ApplyResult.Reject(current is null ? Rejections.NotFound : Rejections.InvalidTransition,
                current is null ? "The reservation does not exist." : $"A {current.Status} reservation cannot {(checkIn ? "check in" : "get a room")}.", current);
        }

        var room = roomId is null ? current.RoomId : Guid.Parse(roomId);
        if (room is null || room != current.RoomId)
        {
            var outcome = await guard.AssignRoomAsync(tx, tenantId, id.ToString(), room, actor, ct);
            if (!outcome.Succeeded)
            {
                return ApplyResult.Reject(Rejections.RoomUnavailable, $"The room cannot be assigned: {outcome.Problem}.", current);
            }

            room = outcome.RoomId;
        }

        var status = checkIn ? ReservationStatus.CheckedIn : current.Status;
        await tx.Sql("update reservations.reservations set room_id = $2, status = $3, version = version + 1, updated_at = now() where id = $1")
            .Bind(id, room, status).ExecAsync(ct);
        await HistoryAsync(tx, tenantId, id, current.Status, status, commandId, actor, checkIn ? "checked in" : "room assigned", ct);
        return new ApplyResult(checkIn ? "reservation.checked_in" : "reservation.modified", await ReservationRecord.FindAsync(tx, id, false, ct));
    }

    private static Task InsertAsync(DbTransaction tx, Guid tenantId, Guid id, CreateReservation create, string status, string? number, string? code,
        string? detail, CancellationToken ct)
    {
        var s = create.Stay;
        return tx.Sql("""
            insert into reservations.reservations (tenant_id, id, property_id, room_type_id, confirmation_number, status, arrival, departure, adults, children,
                guest_id, guest_first_name, guest_last_name, guest_email, guest_phone, requested_rate_code, rate_code, rate_plan_id, currency, nightly, total,
                cancellation, fallback, source, partner_id, notes, rejection_code, rejection_detail)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::jsonb, $21, $22::jsonb, $23::jsonb, $24, $25, $26,
                $27, $28)
            """).Bind(tenantId, id, Guid.Parse(create.PropertyId), Guid.Parse(s.RoomTypeId), number, status, Date(s.Arrival), Date(s.Departure), s.Adults,
                s.Children, Guid.TryParse(create.Guest.GuestId, out var g) ? g : null, create.Guest.FirstName, create.Guest.LastName,
                ReservationRecord.Empty(create.Guest.Email), ReservationRecord.Empty(create.Guest.Phone), ReservationRecord.Empty(s.RequestedRateCode),
                ReservationRecord.Empty(s.RateCode), Guid.TryParse(s.RatePlanId, out var plan) ? plan : null, ReservationRecord.Empty(s.Currency),
                ReservationRecord.NightsJson(s), ReservationRecord.Empty(s.Total) is { } t ? decimal.Parse(t, CultureInfo.InvariantCulture) : null,
                ReservationRecord.CancellationJsonOf(s), ReservationRecord.FallbackJsonOf(s), create.Source, ReservationRecord.Empty(create.PartnerId),
                ReservationRecord.Empty(create.Notes), code, detail)
            .ExecAsync(ct);
    }

    private static Task HistoryAsync(DbTransaction tx, Guid tenantId, Guid id, string? from, string to, Guid commandId, string actor, string? reason,
        CancellationToken ct) =>
        tx.Sql("""
            insert into reservations.status_history (tenant_id, reservation_id, from_status, to_status, command_id, actor, reason) values ($1, $2, $3, $4, $5, $6, $7)
            """).Bind(tenantId, id, from, to, commandId, actor, reason).ExecAsync(ct);

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
