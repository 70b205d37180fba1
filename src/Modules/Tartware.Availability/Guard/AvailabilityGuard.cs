using System.Data.Common;
using Tartware.Availability.Ledger;
using Tartware.Availability.Locks;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Availability.Guard;

/// <summary>The in-process façade other modules call, in their own transaction (see <see cref="IAvailabilityGuard"/>).</summary>
internal sealed class AvailabilityGuard(LockWriter writer, LockReleaser releaser, RoomAssigner assigner) : IAvailabilityGuard
{
    public async Task<ClaimOutcome> ClaimAsync(DbTransaction transaction, InventoryClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var outcome = await writer.TakeAsync(transaction, Request(claim), cancellationToken);
        return Map(outcome);
    }

    public async Task<ClaimOutcome> ReclaimAsync(DbTransaction transaction, InventoryClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var current = await LockRecord.FindByKeyAsync(transaction, claim.TenantId, claim.Key, forUpdate: true, cancellationToken);
        var outcome = current is null
            ? await writer.TakeAsync(transaction, Request(claim), cancellationToken)
            : await releaser.ReclaimAsync(transaction, current, Request(claim), cancellationToken);
        return Map(outcome);
    }

    public async Task<bool> ReleaseAsync(DbTransaction transaction, Guid tenantId, string key, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var current = await LockRecord.FindByKeyAsync(transaction, tenantId, key, forUpdate: true, cancellationToken);
        return current is not null && await releaser.EndAsync(transaction, tenantId, current, "RELEASED", "RELEASED", reason, actor, cancellationToken);
    }

    public async Task<AssignmentOutcome> AssignRoomAsync(DbTransaction transaction, Guid tenantId, string key, Guid? roomId, string actor, CancellationToken cancellationToken = default)
    {
        var stay = await LockRecord.FindByKeyAsync(transaction, tenantId, key, forUpdate: true, cancellationToken);
        return stay is null ? new AssignmentOutcome(false, null, "lock-not-found") : await assigner.AssignAsync(transaction, tenantId, stay, roomId, actor, cancellationToken);
    }

    public async Task<RoomBlockOutcome> BlockRoomAsync(DbTransaction transaction, RoomBlockClaim block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Kind is not (LockKinds.RoomBlock or LockKinds.OutOfOrder or LockKinds.OutOfService))
        {
            throw new ArgumentOutOfRangeException(nameof(block), block.Kind, "not a room block kind");
        }

        try
        {
            var outcome = await writer.TakeAsync(transaction, new LockRequest(block.TenantId, block.PropertyId, block.Kind, null, block.RoomId, block.From,
                block.To, 1, ClosesAll: false, block.Key, block.Actor, block.Reason, ExpiresAt: null, block.Force), cancellationToken);
            return outcome.Succeeded
                ? new RoomBlockOutcome(true, outcome.Lock!.Id, outcome.Lock.Forced, null, outcome.Shortages, [])
                : new RoomBlockOutcome(false, null, false, "no-availability", outcome.Shortages, outcome.AffectedReservations);
        }
        catch (TartwareProblemException problem) when (problem.Status is >= 400 and < 500)
        {
            // The writer rolled its savepoint back: the caller's transaction is usable and the refusal is an answer.
            var keys = problem.Extensions.TryGetValue("blockingKeys", out var k) && k is List<string> kl ? kl : [];
            var kinds = problem.Extensions.TryGetValue("blockingKinds", out var n) && n is List<string> nl ? nl : [];
            var stays = keys.Where((_, i) => i < kinds.Count && kinds[i] == LockKinds.Reservation).ToList();
            var code = problem.Status == 404 ? "room-not-found"
                : problem.Code == RoomOccupancy.Occupied && stays.Count < keys.Count ? "room-blocked"
                : problem.Code;
            return new RoomBlockOutcome(false, null, false, code, [], stays);
        }
    }

    public async Task<IReadOnlyList<Guid>> ReleaseRoomBlocksAsync(DbTransaction transaction, Guid tenantId, Guid roomId, Guid? lockId, string reason, string actor,
        CancellationToken cancellationToken = default)
    {
        var ids = await transaction.Sql("""
            select id from availability.inventory_locks
            where tenant_id = $1 and room_id = $2 and status = 'ACTIVE' and kind = any($3) and departure <> $4 and ($5::uuid is null or id = $5)
            order by arrival for update
            """).Bind(tenantId, roomId, (object)new[] { LockKinds.RoomBlock, LockKinds.OutOfOrder, LockKinds.OutOfService }, LockKinds.OpenEnd, lockId)
            .RowsAsync(r => r.GetGuid(0), cancellationToken);
        // Ascending dates (a room's blocks never overlap), so the nights are locked in the ledger's order and cannot deadlock a booking.
        var ended = new List<Guid>();
        foreach (var id in ids)
        {
            var record = await LockRecord.FindAsync(transaction, tenantId, id, true, cancellationToken);
            if (record is not null && await releaser.EndAsync(transaction, tenantId, record, "RELEASED", "RELEASED", reason, actor, cancellationToken))
            {
                ended.Add(id);
            }
        }

        return ended;
    }

    private static LockRequest Request(InventoryClaim claim) => new(
        claim.TenantId, claim.PropertyId, LockKinds.Reservation, claim.RoomTypeId, null, claim.Arrival, claim.Departure, claim.Quantity,
        ClosesAll: false, claim.Key, claim.Actor, claim.Reason, ExpiresAt: null, Force: false);

    private static ClaimOutcome Map(LockOutcome outcome) =>
        new(outcome.Succeeded, outcome.Lock?.Id, outcome.Shortages, outcome.ShadowOverride);
}
