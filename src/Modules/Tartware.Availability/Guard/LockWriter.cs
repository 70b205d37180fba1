using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using Tartware.Availability.Ledger;
using Tartware.Availability.Locks;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Availability.Guard;

/// <summary>
/// Takes locks: holds, reservations and maintenance blocks. All or nothing, inside a savepoint so a
/// refusal leaves the caller's transaction usable; idempotent on the key (a concurrent twin that
/// loses the unique index race replays the winner).
/// </summary>
internal sealed class LockWriter(ScopeResolver scopes, RoomOccupancy occupancy, IOptions<AvailabilityOptions> options, AvailabilityMetrics metrics)
{
    private const string Savepoint = "guard_lock";

    public async Task<LockOutcome> TakeAsync(DbTransaction tx, LockRequest request, CancellationToken ct)
    {
        var existing = await LockRecord.FindByKeyAsync(tx, request.TenantId, request.Key, false, ct);
        if (existing is not null)
        {
            return Replay(existing, request);
        }

        var npgsql = (NpgsqlTransaction)tx;
        await npgsql.SaveAsync(Savepoint, ct);
        try
        {
            var outcome = await TakeNewAsync(tx, request, ct);
            await (outcome.Succeeded ? npgsql.ReleaseAsync(Savepoint, ct) : npgsql.RollbackAsync(Savepoint, ct));
            metrics.Claim(request.Kind, outcome.Succeeded ? (outcome.Shortages.Count > 0 ? "forced" : "ok") : "conflict");
            return outcome;
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("inventory_locks_key"))
        {
            await npgsql.RollbackAsync(Savepoint, ct);
            var winner = await LockRecord.FindByKeyAsync(tx, request.TenantId, request.Key, false, ct) ?? throw new InvalidOperationException("lock key vanished", ex);
            return Replay(winner, request);
        }
        catch (Exception) when (npgsql.Connection is { State: System.Data.ConnectionState.Open })
        {
            await npgsql.RollbackAsync(Savepoint, CancellationToken.None);
            throw;
        }
    }

    private async Task<LockOutcome> TakeNewAsync(DbTransaction tx, LockRequest request, CancellationToken ct)
    {
        var scope = await scopes.ResolveAsync(tx, request.PropertyId, request.RoomTypeId, request.RoomId, ct);
        var end = request.Departure == LockKinds.OpenEnd ? scope.Today.AddDays(options.Value.HorizonDays) : request.Departure;
        var nights = await LedgerNightsAsync(tx, request.TenantId, scope, request.Arrival, end, ct);
        var takes = nights.Select(n => new NightTake(n.RoomTypeId, n.Night, request.ClosesAll ? n.Capacity : request.Quantity)).ToList();
        var shortages = nights.Zip(takes).Where(p => p.First.Available < p.Second.Quantity)
            .Select(p => new NightShortage(p.First.Night, p.First.RoomTypeId, p.First.Available, p.Second.Quantity)).ToList();
        var shadow = false;
        if (shortages.Count > 0 && !request.Force)
        {
            if (!options.Value.ShadowMode)
            {
                var affected = LockKinds.IsBlock(request.Kind) ? await AffectedReservationsAsync(tx, request.TenantId, request.PropertyId, shortages, ct) : [];
                return LockOutcome.Refused(shortages, affected);
            }

            shadow = true;
        }

        var lockId = Guid.CreateVersion7();
        await tx.Sql("""
            insert into availability.inventory_locks (tenant_id, id, property_id, room_type_id, room_id, kind, arrival, departure, quantity,
                expires_at, idempotency_key, request_hash, actor, reason, forced, closes_all)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            """).Bind(request.TenantId, lockId, request.PropertyId, scope.RoomTypeIds.Length == 1 ? scope.RoomTypeIds[0] : null, request.RoomId,
                request.Kind, request.Arrival, request.Departure, request.Quantity, request.ExpiresAt, request.Key, request.Fingerprint,
                request.Actor, request.Reason, request.Force && shortages.Count > 0, request.ClosesAll).ExecAsync(ct);
        if (request.RoomId is { } roomId)
        {
            await occupancy.OccupyAsync(tx, request.TenantId, request.PropertyId, roomId, lockId, request.Arrival, request.Departure,
                request.Force, request.Actor, ct);
        }

        await NightLedger.TakeAsync(tx, request.TenantId, request.PropertyId, lockId, LockKinds.Bucket(request.Kind), takes,
            forced: request.Force || shadow, ct);
        var taken = (await LockRecord.FindAsync(tx, request.TenantId, lockId, false, ct))!;
        await LockJournal.RecordAsync(tx, request.TenantId, lockId, "CREATED", request.Actor, request.Reason, new { nights = takes.Count }, ct);
        if (shortages.Count > 0)
        {
            await LockJournal.RecordAsync(tx, request.TenantId, lockId, shadow ? "SHADOW_OVERRIDE" : "FORCED", request.Actor, request.Reason,
                new { shortages }, ct);
        }

        if (request.ExpiresAt is { } expiresAt)
        {
            await tx.Sql("insert into availability.hold_expiries (tenant_id, lock_id, expires_at) values ($1, $2, $3)")
                .Bind(request.TenantId, lockId, expiresAt).ExecAsync(ct);
        }

        await LockJournal.PublishAsync(tx, request.TenantId, "inventory.locked", taken, request.Reason, ct);
        return new LockOutcome(taken, false, shortages, [], shadow);
    }

    /// <summary>Materializes and locks the nights of every room type in scope; fails closed if one is missing.</summary>
    internal static async Task<List<NightRow>> LedgerNightsAsync(DbTransaction tx, Guid tenantId, StayScope scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        foreach (var roomType in scope.RoomTypeIds)
        {
            await NightLedger.MaterializeAsync(tx, tenantId, scope.Property.Id, roomType, scope.Capacity[roomType], from, to, ct);
        }

        var nights = await NightLedger.LockAsync(tx, tenantId, scope.Property.Id, scope.RoomTypeIds, from, to, ct);
        var expected = scope.RoomTypeIds.Length * Math.Max(0, to.DayNumber - from.DayNumber);
        return nights.Count == expected
            ? nights
            : throw new InvalidOperationException($"Expected {expected} ledger nights, found {nights.Count}; refusing to decide.");
    }

    internal static Task<List<string>> AffectedReservationsAsync(DbTransaction tx, Guid tenantId, Guid propertyId, IReadOnlyList<NightShortage> shortages, CancellationToken ct) =>
        tx.Sql("""
            select distinct idempotency_key from availability.inventory_locks
            where tenant_id = $1 and property_id = $2 and kind = 'RESERVATION' and status = 'ACTIVE'
              and room_type_id = any($3) and arrival <= $5 and departure > $4
            order by 1 limit 100
            """).Bind(tenantId, propertyId, shortages.Select(s => s.RoomTypeId).Distinct().ToArray(),
                shortages.Min(s => s.Night), shortages.Max(s => s.Night)).RowsAsync(r => r.GetString(0), ct);

    private static LockOutcome Replay(LockRecord existing, LockRequest request) =>
        existing.RequestHash == request.Fingerprint
            ? new LockOutcome(existing, true, [], [], false)
            : throw new ConflictException("This idempotency key was used for a different lock request.", "idempotency-key-reused");
}
