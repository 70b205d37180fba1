using System.Collections.Concurrent;
using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Properties.Tests.Infrastructure;

/// <summary>
/// Stands in for Rates and Availability: records every call and refuses the ones a test armed
/// (a property code starting with REFUSE, a room id in <see cref="RefusedRooms"/>) the way
/// Availability will, with a 409 problem. It also checks it really runs inside the caller's transaction.
/// </summary>
public sealed class RecordingParticipant : IPropertySetupParticipant, IRoomChangeParticipant
{
    public ConcurrentQueue<PropertyInfo> Properties { get; } = new();

    public ConcurrentQueue<RoomTypeInfo> RoomTypes { get; } = new();

    public ConcurrentQueue<RoomChange> RoomChanges { get; } = new();

    public ConcurrentDictionary<Guid, bool> RefusedRooms { get; } = new();

    public async Task OnPropertyCreatedAsync(DbTransaction transaction, PropertyInfo property, CancellationToken cancellationToken = default)
    {
        await AssertSeesAsync(transaction, "select count(*) from inventory.properties where id = @id", property.Id, cancellationToken);
        Properties.Enqueue(property);
        if (property.Code.StartsWith("REFUSE", StringComparison.Ordinal))
        {
            throw new ConflictException("The test participant refuses this property.", "test-refused");
        }
    }

    public async Task OnRoomTypeCreatedAsync(DbTransaction transaction, PropertyInfo property, RoomTypeInfo roomType, CancellationToken cancellationToken = default)
    {
        await AssertSeesAsync(transaction, "select count(*) from inventory.room_types where id = @id", roomType.Id, cancellationToken);
        RoomTypes.Enqueue(roomType);
    }

    public Task OnRoomChangingAsync(DbTransaction transaction, RoomChange change, CancellationToken cancellationToken = default)
    {
        RoomChanges.Enqueue(change);
        if (RefusedRooms.ContainsKey(change.RoomId) && !change.Force)
        {
            var problem = new ConflictException("The room has future reservations.", "room-in-use");
            problem.Extensions["nights"] = new[] { "2027-01-01" };
            throw problem;
        }

        return Task.CompletedTask;
    }

    // The row written by the caller is visible only from inside its (uncommitted) transaction.
    private static async Task AssertSeesAsync(DbTransaction transaction, string sql, Guid id, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new InvalidOperationException("The participant was not called inside the creating transaction.");
        }
    }
}
