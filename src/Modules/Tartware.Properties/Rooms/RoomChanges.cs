using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Properties.Rooms;

/// <summary>Room change kinds (see <see cref="RoomChange"/>) and the call into every participant.</summary>
internal static class RoomChanges
{
    public const string Added = "ADDED";
    public const string Retyped = "RETYPED";
    public const string Removed = "REMOVED";
    public const string StatusChanged = "STATUS_CHANGED";

    /// <summary>Inside the changing transaction: a participant that throws refuses the change (the unit rolls back).</summary>
    public static async Task NotifyAsync(IEnumerable<IRoomChangeParticipant> participants, DbTransaction transaction, RoomChange change, CancellationToken cancellationToken)
    {
        foreach (var participant in participants)
        {
            await participant.OnRoomChangingAsync(transaction, change, cancellationToken);
        }
    }
}

/// <summary>Rooms only take active room types of their own property.</summary>
internal static class RoomTypeGuard
{
    public static async Task RequireActiveAsync(DbTransaction transaction, Guid propertyId, Guid[] roomTypeIds, CancellationToken cancellationToken)
    {
        var wanted = roomTypeIds.Distinct().ToArray();
        var found = await RoomStore.RoomTypesAsync(transaction, propertyId, wanted, cancellationToken);
        var missing = wanted.Except(found.Select(f => f.Id)).ToList();
        if (missing.Count > 0)
        {
            var problem = new BusinessRuleException("The room type does not exist in this property.", "unknown-room-type");
            problem.Extensions["roomTypeIds"] = missing;
            throw problem;
        }

        if (found.Any(f => f.Status != "ACTIVE"))
        {
            throw new BusinessRuleException("Rooms cannot be given an inactive room type.", "room-type-inactive");
        }
    }
}
