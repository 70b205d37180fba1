using System.Data.Common;

namespace Tartware.Availability.Ledger;

/// <summary>One room type's night in the ledger.</summary>
internal sealed record NightRow(Guid RoomTypeId, DateOnly Night, int Capacity, int Sold, int Held, int Blocked, int OversellLimit, int ForcedAllowance)
{
    /// <summary>Rooms a claim may still take (negative after a forced change, until locks are released).</summary>
    public int Available => Capacity + OversellLimit - Sold - Held - Blocked;

    public static NightRow Read(DbDataReader r) => new(
        r.GetGuid(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7));
}

/// <summary>What one lock takes from one night.</summary>
internal readonly record struct NightTake(Guid RoomTypeId, DateOnly Night, int Quantity);

/// <summary>Lock kinds and the ledger column each one fills.</summary>
internal static class LockKinds
{
    public const string Hold = "HOLD";
    public const string Reservation = "RESERVATION";
    public const string Blackout = "BLACKOUT";
    public const string OutOfOrder = "OUT_OF_ORDER";
    public const string OutOfService = "OUT_OF_SERVICE";
    public const string RoomBlock = "ROOM_BLOCK";

    /// <summary>The open end of a maintenance block that lasts until the room is back.</summary>
    public static readonly DateOnly OpenEnd = new(9999, 12, 31);

    public static string Bucket(string kind) => kind switch
    {
        Reservation => "sold",
        Hold => "held",
        Blackout or OutOfOrder or OutOfService or RoomBlock => "blocked",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown lock kind"),
    };

    public static bool IsBlock(string kind) => kind is Blackout or OutOfOrder or OutOfService or RoomBlock;
}
