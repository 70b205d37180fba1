using System.Data.Common;
using Npgsql;
using Tartware.Availability.Ledger;
using Tartware.Availability.Locks;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Availability.Guard;

/// <summary>Ends locks (release, expiry, manual release) and moves reservation locks in place (modify).</summary>
internal sealed class LockReleaser(ScopeResolver scopes, AvailabilityMetrics metrics)
{
    private const string Savepoint = "guard_reclaim";

    /// <summary>
    /// Ends an active lock: returns its nights, frees its rooms, drops its expiry, records and publishes.
    /// Returns false when the lock was not active (a lock is released or expired once).
    /// </summary>
    public async Task<bool> EndAsync(DbTransaction tx, Guid tenantId, LockRecord lockRecord, string status, string @event, string reason, string actor, CancellationToken ct)
    {
        var ended = await tx.Sql("""
            update availability.inventory_locks
            set status = $3, release_reason = $4, released_by = $5, released_at = now(), updated_at = now()
            where tenant_id = $1 and id = $2 and status = 'ACTIVE'
            """).Bind(tenantId, lockRecord.Id, status, reason, actor).ExecAsync(ct);
        if (ended == 0)
        {
            return false;
        }

        await NightLedger.ReturnAsync(tx, tenantId, lockRecord.Id, ct);
        await RoomOccupancy.VacateAsync(tx, tenantId, lockRecord.Id, ct);
        await tx.Sql("delete from availability.hold_expiries where tenant_id = $1 and lock_id = $2").Bind(tenantId, lockRecord.Id).ExecAsync(ct);
        await LockJournal.RecordAsync(tx, tenantId, lockRecord.Id, @event, actor, reason, null, ct);
        await LockJournal.PublishAsync(tx, tenantId, "inventory.released", lockRecord with { Status = status }, reason, ct);
        metrics.Ended(lockRecord.Kind, @event);
        return true;
    }

    /// <summary>
    /// Moves an active reservation lock to a new stay / room type / quantity: gives back the old nights and
    /// takes the new ones in one savepoint, so a refusal leaves the old stay exactly as it was.
    /// </summary>
    public async Task<LockOutcome> ReclaimAsync(DbTransaction tx, LockRecord current, LockRequest request, CancellationToken ct)
    {
        if (!current.IsActive)
        {
            throw new ConflictException("The lock is no longer active.", "lock-not-active");
        }

        if (current.RequestHash == request.Fingerprint)
        {
            return new LockOutcome(current, true, [], [], false);
        }

        var npgsql = (NpgsqlTransaction)tx;
        await npgsql.SaveAsync(Savepoint, ct);
        try
        {
            var outcome = await MoveAsync(tx, current, request, ct);
            await (outcome.Succeeded ? npgsql.ReleaseAsync(Savepoint, ct) : npgsql.RollbackAsync(Savepoint, ct));
            metrics.Claim("RECLAIM", outcome.Succeeded ? "ok" : "conflict");
            return outcome;
        }
        catch (Exception) when (npgsql.Connection is { State: System.Data.ConnectionState.Open })
        {
            await npgsql.RollbackAsync(Savepoint, CancellationToken.None);
            throw;
        }
    }

    private async Task<LockOutcome> MoveAsync(DbTransaction tx, LockRecord current, LockRequest request, CancellationToken ct)
    {
        await NightLedger.ReturnAsync(tx, request.TenantId, current.Id, ct);
        var scope = await scopes.ResolveAsync(tx, request.PropertyId, request.RoomTypeId, null, ct);
        var nights = await LockWriter.LedgerNightsAsync(tx, request.TenantId, scope, request.Arrival, request.Departure, ct);
        var shortages = nights.Where(n => n.Available < request.Quantity)
            .Select(n => new NightShortage(n.Night, n.RoomTypeId, n.Available, request.Quantity)).ToList();
        if (shortages.Count > 0)
        {
            return LockOutcome.Refused(shortages, []);
        }

        // The assigned room stays only if it still fits: same type and free for the new dates.
        var room = await RoomOccupancy.AssignedRoomAsync(tx, request.TenantId, current.Id, ct);
        await RoomOccupancy.VacateAsync(tx, request.TenantId, current.Id, ct);
        var takes = nights.Select(n => new NightTake(n.RoomTypeId, n.Night, request.Quantity)).ToList();
        await NightLedger.TakeAsync(tx, request.TenantId, request.PropertyId, current.Id, LockKinds.Bucket(current.Kind), takes, forced: false, ct);
        await tx.Sql("""
            update availability.inventory_locks
            set room_type_id = $3, arrival = $4, departure = $5, quantity = $6, request_hash = $7, updated_at = now()
            where tenant_id = $1 and id = $2
            """).Bind(request.TenantId, current.Id, request.RoomTypeId, request.Arrival, request.Departure, request.Quantity, request.Fingerprint)
            .ExecAsync(ct);
        if (room is { } roomId && current.RoomTypeId == request.RoomTypeId)
        {
            await RoomAssigner.TryAssignAsync(tx, request.TenantId, request.PropertyId, roomId, current.Id, request.Arrival, request.Departure, ct);
        }

        var moved = (await LockRecord.FindAsync(tx, request.TenantId, current.Id, false, ct))!;
        await LockJournal.RecordAsync(tx, request.TenantId, current.Id, "RECLAIMED", request.Actor, request.Reason,
            new { from = new { current.Arrival, current.Departure, current.RoomTypeId, current.Quantity } }, ct);
        await LockJournal.PublishAsync(tx, request.TenantId, "inventory.locked", moved, request.Reason, ct);
        return new LockOutcome(moved, false, [], [], false);
    }
}
