using System.Data.Common;
using Tartware.Availability.Ledger;
using Tartware.Availability.Locks;
using Tartware.Contracts.Availability;

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

    private static LockRequest Request(InventoryClaim claim) => new(
        claim.TenantId, claim.PropertyId, LockKinds.Reservation, claim.RoomTypeId, null, claim.Arrival, claim.Departure, claim.Quantity,
        ClosesAll: false, claim.Key, claim.Actor, claim.Reason, ExpiresAt: null, Force: false);

    private static ClaimOutcome Map(LockOutcome outcome) =>
        new(outcome.Succeeded, outcome.Lock?.Id, outcome.Shortages, outcome.ShadowOverride);
}
