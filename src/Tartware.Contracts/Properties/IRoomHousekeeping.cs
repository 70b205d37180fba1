using System.Data.Common;

namespace Tartware.Contracts.Properties;

/// <summary>
/// Write façade over a room's housekeeping status (module Properties), joined to the caller's
/// transaction: the rooms command processor sets it when it applies a housekeeping command.
/// </summary>
public interface IRoomHousekeeping
{
    /// <summary>
    /// Sets the room's housekeeping status (CLEAN, DIRTY, INSPECTED, IN_PROGRESS). Only a CLEAN room can become INSPECTED
    /// (an inspector signs off a cleaned room); every other change is allowed. A refusal is a result, not an exception.
    /// </summary>
    Task<HousekeepingOutcome> SetHousekeepingStatusAsync(DbTransaction transaction, Guid roomId, string status, CancellationToken cancellationToken = default);
}

/// <summary>Result of a housekeeping change.</summary>
/// <param name="Succeeded">True when the room now has the status.</param>
/// <param name="Previous">The status before (null when the room does not exist).</param>
/// <param name="Current">The status after.</param>
/// <param name="Problem">Why not: room-not-found, invalid-transition.</param>
public sealed record HousekeepingOutcome(bool Succeeded, string? Previous, string? Current, string? Problem);
