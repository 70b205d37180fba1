using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Tartware.Contracts.Properties;

namespace Tartware.Rates.Setup;

/// <summary>
/// Issue 4 item 6: every property always has BAR and RACK. Created in the transaction that creates
/// the property (or room type), with ids derived from the property id and the code, and priced per
/// room type from its base rate: BAR at the base rate, RACK (the published full rate) 20% above it.
/// Idempotent: every insert skips what exists, so the setup step for existing properties can run
/// any number of times and never overwrites what a revenue manager changed since.
/// </summary>
internal sealed class BarRackSetup(IPropertyDirectory directory) : IPropertySetupParticipant
{
    public const decimal RackMarkup = 1.20m;

    public async Task OnPropertyCreatedAsync(DbTransaction transaction, PropertyInfo property, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(property);
        await EnsurePlansAsync(transaction, property, cancellationToken);
        foreach (var roomType in await directory.ListRoomTypesAsync(transaction, property.Id, cancellationToken))
        {
            await EnsureRoomRatesAsync(transaction, property, roomType, cancellationToken);
        }
    }

    public async Task OnRoomTypeCreatedAsync(DbTransaction transaction, PropertyInfo property, RoomTypeInfo roomType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(roomType);
        await EnsurePlansAsync(transaction, property, cancellationToken);
        await EnsureRoomRatesAsync(transaction, property, roomType, cancellationToken);
    }

    /// <summary>The id BAR or RACK of a property always has (RFC 9562 version 8, name-based on SHA-256).</summary>
    public static Guid SystemPlanId(Guid propertyId, string code)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"tartware:rates:{propertyId:D}:{code}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static decimal RackRate(decimal baseRate) => Math.Round(baseRate * RackMarkup, 2, MidpointRounding.AwayFromZero);

    private static Task EnsurePlansAsync(DbTransaction transaction, PropertyInfo property, CancellationToken cancellationToken) =>
        transaction.Command("""
            insert into rates.rate_plans (tenant_id, id, property_id, code, name, description, type, is_system,
                cancellation_window_hours, cancellation_penalty)
            values ($1, $2, $4, 'BAR', 'Best Available Rate', 'The default public rate; the first fallback of every other plan.', 'BAR', true, 24, 'FIRST_NIGHT'),
                   ($1, $3, $4, 'RACK', 'Rack Rate', 'The published full rate; the last fallback when BAR cannot sell a stay.', 'RACK', true, 24, 'FIRST_NIGHT')
            on conflict do nothing
            """).With(property.TenantId, SystemPlanId(property.Id, "BAR"), SystemPlanId(property.Id, "RACK"), property.Id).RunAsync(cancellationToken);

    private static Task EnsureRoomRatesAsync(DbTransaction transaction, PropertyInfo property, RoomTypeInfo roomType, CancellationToken cancellationToken) =>
        transaction.Command("""
            insert into rates.plan_room_rates (tenant_id, rate_plan_id, room_type_id, amount)
            values ($1, $2, $4, $5), ($1, $3, $4, $6)
            on conflict do nothing
            """).With(property.TenantId, SystemPlanId(property.Id, "BAR"), SystemPlanId(property.Id, "RACK"), roomType.Id,
                roomType.BaseRate, RackRate(roomType.BaseRate)).RunAsync(cancellationToken);
}
