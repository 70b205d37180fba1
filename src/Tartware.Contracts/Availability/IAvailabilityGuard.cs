using System.Data.Common;

namespace Tartware.Contracts.Availability;

/// <summary>
/// The availability guard as other modules call it (the reservation pipeline). Every call joins the
/// caller's transaction, so the reservation and its inventory commit or roll back together. It fails
/// closed: a night it cannot prove available is a conflict. Outcomes that are business answers (no
/// inventory, room taken) come back as results, not exceptions, and leave the caller's transaction usable.
/// </summary>
public interface IAvailabilityGuard
{
    /// <summary>
    /// Takes <see cref="InventoryClaim.Quantity"/> rooms of the type on every night of the stay, or none.
    /// Idempotent on <see cref="InventoryClaim.Key"/> (a reservation's key is its id): a second call with
    /// the same key and stay returns the first lock.
    /// </summary>
    Task<ClaimOutcome> ClaimAsync(DbTransaction transaction, InventoryClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Moves the lock with this key to a new stay or room type in place (a modify); all or nothing.</summary>
    Task<ClaimOutcome> ReclaimAsync(DbTransaction transaction, InventoryClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Releases the lock with this key (cancel, no-show, check-out); false when it was not active.</summary>
    Task<bool> ReleaseAsync(DbTransaction transaction, Guid tenantId, string key, string reason, string actor, CancellationToken cancellationToken = default);

    /// <summary>Assigns a room to the stay of the lock with this key; <paramref name="roomId"/> null picks one (clean, then inspected).</summary>
    Task<AssignmentOutcome> AssignRoomAsync(DbTransaction transaction, Guid tenantId, string key, Guid? roomId, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a dated block of one room (<see cref="RoomBlockKinds"/>): a blocked night of its room type and the room itself,
    /// all or nothing. Refused (a result) where the type has no free room or a stay holds the room, unless forced.
    /// Idempotent on <see cref="RoomBlockClaim.Key"/>.
    /// </summary>
    Task<RoomBlockOutcome> BlockRoomAsync(DbTransaction transaction, RoomBlockClaim block, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the room's active dated blocks, or only <paramref name="lockId"/> when given; returns the locks ended (empty
    /// when none was active). Open-ended blocks that follow the room's status end only with that status.
    /// </summary>
    Task<IReadOnlyList<Guid>> ReleaseRoomBlocksAsync(DbTransaction transaction, Guid tenantId, Guid roomId, Guid? lockId, string reason, string actor,
        CancellationToken cancellationToken = default);
}

/// <summary>Kinds of a room block (lock kinds of the availability ledger; every one counts as blocked).</summary>
public static class RoomBlockKinds
{
    /// <summary>Off sale for another reason (a show room, a long-stay set-aside).</summary>
    public const string Block = "ROOM_BLOCK";

    /// <summary>Broken: not sellable until repaired.</summary>
    public const string OutOfOrder = "OUT_OF_ORDER";

    /// <summary>Withdrawn for minor work or cleaning.</summary>
    public const string OutOfService = "OUT_OF_SERVICE";
}

/// <summary>A dated block of one room.</summary>
/// <param name="TenantId">Tenant (also set on the transaction).</param>
/// <param name="PropertyId">The room's property.</param>
/// <param name="RoomId">The room.</param>
/// <param name="Kind">One of <see cref="RoomBlockKinds"/>.</param>
/// <param name="From">First night.</param>
/// <param name="To">Night after the last (exclusive).</param>
/// <param name="Key">Idempotency key (a room command's id).</param>
/// <param name="Actor">Who.</param>
/// <param name="Reason">Why (audited).</param>
/// <param name="Force">Take it over a full night or a stay on the room (the stay loses the room, keeps its booking).</param>
public sealed record RoomBlockClaim(Guid TenantId, Guid PropertyId, Guid RoomId, string Kind, DateOnly From, DateOnly To, string Key, string Actor,
    string? Reason, bool Force);

/// <summary>Result of a room block.</summary>
/// <param name="Succeeded">True when the block is taken.</param>
/// <param name="LockId">The block's lock.</param>
/// <param name="Forced">Taken over shortages by force.</param>
/// <param name="Problem">Why not: no-availability (see the nights and reservations), room-occupied (a stay is on the room; force moves it),
/// room-blocked (a block or hold is on the room; force does not override it), room-not-found.</param>
/// <param name="ConflictingNights">Nights without a free room of the type.</param>
/// <param name="AffectedReservations">Reservations (ids) in the way.</param>
public sealed record RoomBlockOutcome(bool Succeeded, Guid? LockId, bool Forced, string? Problem, IReadOnlyList<NightShortage> ConflictingNights,
    IReadOnlyList<string> AffectedReservations);

/// <summary>What to claim.</summary>
/// <param name="TenantId">Tenant (also set on the transaction).</param>
/// <param name="PropertyId">Property.</param>
/// <param name="RoomTypeId">Room type.</param>
/// <param name="Arrival">First night (property-local date).</param>
/// <param name="Departure">Day of departure (exclusive).</param>
/// <param name="Quantity">Rooms.</param>
/// <param name="Key">Idempotency key; a reservation's lock key is its reservation id.</param>
/// <param name="Actor">Who (user id or service name).</param>
/// <param name="Reason">Why, for the audit.</param>
public sealed record InventoryClaim(Guid TenantId, Guid PropertyId, Guid RoomTypeId, DateOnly Arrival, DateOnly Departure, int Quantity,
    string Key, string Actor, string? Reason = null);

/// <summary>Result of a claim.</summary>
/// <param name="Succeeded">True when every night was taken.</param>
/// <param name="LockId">The lock (also on a replay of the same key).</param>
/// <param name="ConflictingNights">Nights without enough inventory (empty on success).</param>
/// <param name="ShadowOverride">True when shadow mode let a claim through that enforcement would have refused.</param>
public sealed record ClaimOutcome(bool Succeeded, Guid? LockId, IReadOnlyList<NightShortage> ConflictingNights, bool ShadowOverride = false);

/// <summary>A night that lacks inventory.</summary>
/// <param name="Night">The night.</param>
/// <param name="RoomTypeId">Room type.</param>
/// <param name="Available">Rooms still available.</param>
/// <param name="Requested">Rooms asked for.</param>
public sealed record NightShortage(DateOnly Night, Guid RoomTypeId, int Available, int Requested);

/// <summary>Result of a room assignment.</summary>
/// <param name="Succeeded">True when the room is now the stay's.</param>
/// <param name="RoomId">The assigned room.</param>
/// <param name="Problem">Why not: room-taken, room-not-found, no-room-available, lock-not-active.</param>
public sealed record AssignmentOutcome(bool Succeeded, Guid? RoomId, string? Problem);
