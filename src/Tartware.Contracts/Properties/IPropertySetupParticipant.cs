using System.Data.Common;

namespace Tartware.Contracts.Properties;

/// <summary>
/// A module that sets itself up alongside the hotel model (Rates creates BAR and RACK with every
/// property and prices them from each room type's base rate). The Properties module calls every
/// registered participant inside the transaction that creates the property or room type, so
/// both commit or neither does. A participant must be idempotent: the setup step for existing
/// properties calls it again.
/// </summary>
public interface IPropertySetupParticipant
{
    /// <summary>A property was created (or is being set up again).</summary>
    Task OnPropertyCreatedAsync(DbTransaction transaction, PropertyInfo property, CancellationToken cancellationToken = default);

    /// <summary>A room type was created (or is being set up again).</summary>
    Task OnRoomTypeCreatedAsync(DbTransaction transaction, PropertyInfo property, RoomTypeInfo roomType, CancellationToken cancellationToken = default);
}

/// <summary>
/// A module that must agree before a room changes (Availability keeps sellable capacity per room
/// type and night). Called inside the transaction that changes the room; throwing a problem
/// exception (409 with the conflicting nights) refuses the change and rolls it back.
/// </summary>
public interface IRoomChangeParticipant
{
    /// <summary>Called for a room added, retyped, removed or put out of / back into service.</summary>
    Task OnRoomChangingAsync(DbTransaction transaction, RoomChange change, CancellationToken cancellationToken = default);
}

/// <summary>What happens to a room.</summary>
/// <param name="TenantId">Tenant.</param>
/// <param name="PropertyId">Property.</param>
/// <param name="RoomId">Room.</param>
/// <param name="Kind">ADDED, RETYPED, REMOVED, STATUS_CHANGED.</param>
/// <param name="OldRoomTypeId">Room type before (null when added).</param>
/// <param name="NewRoomTypeId">Room type after (null when removed).</param>
/// <param name="OldStatus">Status before (null when added).</param>
/// <param name="NewStatus">Status after (null when removed).</param>
/// <param name="Force">The caller forces the change despite conflicts (with <paramref name="Reason"/>).</param>
/// <param name="Reason">Why, when forced.</param>
public sealed record RoomChange(Guid TenantId, Guid PropertyId, Guid RoomId, string Kind, Guid? OldRoomTypeId, Guid? NewRoomTypeId,
    string? OldStatus, string? NewStatus, bool Force = false, string? Reason = null);
