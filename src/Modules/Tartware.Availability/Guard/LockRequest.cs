using Tartware.Availability.Locks;
using Tartware.Contracts.Availability;

namespace Tartware.Availability.Guard;

/// <summary>
/// A lock to take. <see cref="RoomId"/> set: one specific room (its type from the room directory);
/// else <see cref="RoomTypeId"/>; neither: a blackout of the whole property. <see cref="ClosesAll"/>
/// takes each night's full capacity (a closing blackout) instead of <see cref="Quantity"/>.
/// </summary>
internal sealed record LockRequest(
    Guid TenantId, Guid PropertyId, string Kind, Guid? RoomTypeId, Guid? RoomId, DateOnly Arrival, DateOnly Departure, int Quantity,
    bool ClosesAll, string Key, string Actor, string? Reason, DateTimeOffset? ExpiresAt, bool Force)
{
    /// <summary>What the request asks for, without who asks or when: a replay must match it.</summary>
    public string Fingerprint => LockRecord.Hash(Kind, PropertyId, RoomTypeId, RoomId, Arrival, Departure, Quantity, ClosesAll);
}

/// <summary>Outcome of taking a lock.</summary>
/// <param name="Lock">The lock taken (or replayed); null when refused.</param>
/// <param name="Replayed">True when the key had been used with the same request.</param>
/// <param name="Shortages">Nights that lacked inventory (refused, or taken anyway when forced or in shadow mode).</param>
/// <param name="AffectedReservations">Reservations on those nights (maintenance conflicts list them).</param>
/// <param name="ShadowOverride">Shadow mode let it through.</param>
internal sealed record LockOutcome(
    LockRecord? Lock, bool Replayed, IReadOnlyList<NightShortage> Shortages, IReadOnlyList<string> AffectedReservations, bool ShadowOverride)
{
    public bool Succeeded => Lock is not null;

    public static LockOutcome Refused(IReadOnlyList<NightShortage> shortages, IReadOnlyList<string> affected) => new(null, false, shortages, affected, false);
}
