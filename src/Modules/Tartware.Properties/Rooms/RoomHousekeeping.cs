using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Properties.Common;

namespace Tartware.Properties.Rooms;

/// <summary><see cref="IRoomHousekeeping"/> in the caller's transaction (its tenant drives RLS); the row is locked, so changes of one room apply one after another.</summary>
internal sealed class RoomHousekeeping : IRoomHousekeeping
{
    public async Task<HousekeepingOutcome> SetHousekeepingStatusAsync(DbTransaction transaction, Guid roomId, string status, CancellationToken cancellationToken = default)
    {
        if (!RoomRules.HousekeepingStatuses.Contains(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "not a housekeeping status");
        }

        var previous = await transaction.Command("select housekeeping_status from inventory.rooms where id = $1 for update").With(roomId)
            .FirstOrDefaultAsync(r => r.GetString(0), cancellationToken);
        if (previous is null)
        {
            return new HousekeepingOutcome(false, null, null, "room-not-found");
        }

        if (!RoomRules.HousekeepingAllows(previous, status))
        {
            return new HousekeepingOutcome(false, previous, previous, "invalid-transition");
        }

        if (previous != status)
        {
            await transaction.Command("update inventory.rooms set housekeeping_status = $2, updated_at = now(), version = version + 1 where id = $1")
                .With(roomId, status).RunAsync(cancellationToken);
        }

        return new HousekeepingOutcome(true, previous, status, null);
    }
}
