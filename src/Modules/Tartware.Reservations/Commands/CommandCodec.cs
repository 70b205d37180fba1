using Google.Protobuf;
using Google.Protobuf.Reflection;
using Tartware.Contracts.Reservations.V1;
using Tartware.Contracts.Rooms.V1;

namespace Tartware.Reservations.Commands;

/// <summary>The ids a command carries: its own and the aggregate's (the message key).</summary>
internal sealed record CommandIds(Guid CommandId, Guid AggregateId);

/// <summary>
/// The two command payloads the pipeline carries, told apart by the envelope's event type: parsing,
/// their ids and their kind. The processor, the dead-letter verbs and the patch check use this one table.
/// </summary>
internal static class CommandCodec
{
    public const string ReservationEventType = CommandKinds.EventType;
    public const string RoomEventType = RoomCommandKinds.EventType;

    /// <summary>The payload as its command message, or null for an event type that carries none.</summary>
    public static IMessage? Parse(string eventType, ByteString payload) => eventType switch
    {
        ReservationEventType => ReservationCommand.Parser.ParseFrom(payload),
        RoomEventType => RoomCommand.Parser.ParseFrom(payload),
        _ => null,
    };

    public static MessageDescriptor? Descriptor(string eventType) => eventType switch
    {
        ReservationEventType => ReservationCommand.Descriptor,
        RoomEventType => RoomCommand.Descriptor,
        _ => null,
    };

    public static CommandIds? Ids(IMessage command) => command switch
    {
        ReservationCommand r when Guid.TryParse(r.CommandId, out var c) && Guid.TryParse(r.ReservationId, out var a) => new CommandIds(c, a),
        RoomCommand r when Guid.TryParse(r.CommandId, out var c) && Guid.TryParse(r.RoomId, out var a) => new CommandIds(c, a),
        _ => null,
    };

    /// <summary>The ids as written (also when they are not GUIDs): what a patch must leave alone (a room command's property too).</summary>
    public static (string CommandId, string AggregateId, string PropertyId) IdText(IMessage command) => command switch
    {
        ReservationCommand r => (r.CommandId, r.ReservationId, string.Empty),
        RoomCommand r => (r.CommandId, r.RoomId, r.PropertyId),
        _ => throw new ArgumentException("Not a command message.", nameof(command)),
    };

    /// <summary>The recorded kind (CREATE, BLOCK, ...); a patch may not change it.</summary>
    public static string Kind(IMessage command) => command switch
    {
        ReservationCommand r => CommandKinds.Of(r),
        RoomCommand r => RoomCommandKinds.Of(r),
        _ => throw new ArgumentException("Not a command message.", nameof(command)),
    };
}

/// <summary>Wire names of room commands.</summary>
internal static class RoomCommandKinds
{
    public const string EventType = "rooms.command.v1";

    public static string Of(RoomCommand command) => command.CommandCase switch
    {
        RoomCommand.CommandOneofCase.Block => "BLOCK",
        RoomCommand.CommandOneofCase.OutOfOrder => "OUT_OF_ORDER",
        RoomCommand.CommandOneofCase.OutOfService => "OUT_OF_SERVICE",
        RoomCommand.CommandOneofCase.Release => "RELEASE",
        RoomCommand.CommandOneofCase.HousekeepingStatus => "HOUSEKEEPING_STATUS",
        _ => throw new ArgumentException("The command carries no body.", nameof(command)),
    };
}
