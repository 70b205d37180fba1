using System.Data.Common;

namespace Tartware.Contracts.Properties;

/// <summary>
/// Read façade over the rooms of a property (module Properties), joined to the caller's transaction:
/// Availability counts sellable capacity from it and picks rooms for automatic assignment.
/// </summary>
public interface IRoomDirectory
{
    /// <summary>The property's rooms, optionally of one room type, ordered by number.</summary>
    Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(DbTransaction transaction, Guid propertyId, Guid? roomTypeId, CancellationToken cancellationToken = default);

    /// <summary>How many rooms each room type of the property has (types without rooms are absent): sellable capacity, counted in SQL.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountRoomsByTypeAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default);

    /// <summary>One room of the caller's tenant, or null.</summary>
    Task<RoomInfo?> FindRoomAsync(DbTransaction transaction, Guid roomId, CancellationToken cancellationToken = default);
}

/// <summary>A room as other modules see it.</summary>
/// <param name="Id">Room id.</param>
/// <param name="PropertyId">Property.</param>
/// <param name="RoomTypeId">Room type.</param>
/// <param name="Number">Room number.</param>
/// <param name="Status">AVAILABLE, OCCUPIED, OUT_OF_ORDER, OUT_OF_SERVICE.</param>
/// <param name="HousekeepingStatus">CLEAN, DIRTY, INSPECTED, IN_PROGRESS.</param>
public sealed record RoomInfo(Guid Id, Guid PropertyId, Guid RoomTypeId, string Number, string Status, string HousekeepingStatus);
