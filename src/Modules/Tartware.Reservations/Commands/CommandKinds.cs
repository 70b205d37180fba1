using Tartware.Contracts.Reservations.V1;

namespace Tartware.Reservations.Commands;

/// <summary>Wire names of commands and facts.</summary>
internal static class CommandKinds
{
    public const string EventType = "reservations.command.v1";

    public static string Of(ReservationCommand command) => command.CommandCase switch
    {
        ReservationCommand.CommandOneofCase.Create => "CREATE",
        ReservationCommand.CommandOneofCase.Modify => "MODIFY",
        ReservationCommand.CommandOneofCase.Cancel => "CANCEL",
        ReservationCommand.CommandOneofCase.CheckIn => "CHECK_IN",
        ReservationCommand.CommandOneofCase.CheckOut => "CHECK_OUT",
        ReservationCommand.CommandOneofCase.NoShow => "NO_SHOW",
        ReservationCommand.CommandOneofCase.AssignRoom => "ASSIGN_ROOM",
        _ => throw new ArgumentException("The command carries no body.", nameof(command)),
    };
}

/// <summary>Reservation statuses.</summary>
internal static class ReservationStatus
{
    public const string Confirmed = "CONFIRMED";
    public const string CheckedIn = "CHECKED_IN";
    public const string CheckedOut = "CHECKED_OUT";
    public const string Cancelled = "CANCELLED";
    public const string NoShow = "NO_SHOW";
    public const string Rejected = "REJECTED";
}

/// <summary>Problem codes of domain rejections, and the HTTP status a waiting client gets for each.</summary>
internal static class Rejections
{
    public const string NoAvailability = "no-availability";
    public const string InvalidTransition = "invalid-transition";
    public const string GuestBlacklisted = "guest-blacklisted";
    public const string RoomUnavailable = "room-unavailable";
    public const string NotFound = "reservation-not-found";

    public static int Status(string code) => code is GuestBlacklisted ? 422 : code is NotFound or "room-not-found" ? 404 : 409;
}
