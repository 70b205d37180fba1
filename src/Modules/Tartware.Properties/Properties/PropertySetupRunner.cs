using Tartware.Contracts.Properties;
using Tartware.Properties.Amenities;
using Tartware.Properties.RoomTypes;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Properties.Properties;

/// <summary>
/// <see cref="IPropertySetupRunner"/>: one transaction per tenant, so a participant failing half way
/// leaves nothing behind and the verb can simply be run again.
/// </summary>
internal sealed class PropertySetupRunner(IUnitOfWorkFactory units, IEnumerable<IPropertySetupParticipant> participants) : IPropertySetupRunner
{
    public async Task<PropertySetupReport> RunAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var unit = await units.BeginAsync(tenantId, cancellationToken);
        var properties = await PropertyStore.AllInfoAsync(unit.Transaction, cancellationToken);
        var roomTypes = 0;
        var changed = 0;
        foreach (var property in properties)
        {
            changed += await AmenitySeed.SeedAsync(unit.Transaction, tenantId, property.Id, cancellationToken);
            foreach (var participant in participants)
            {
                await participant.OnPropertyCreatedAsync(unit.Transaction, property, cancellationToken);
            }

            foreach (var roomType in await RoomTypeStore.InfosAsync(unit.Transaction, property.Id, cancellationToken))
            {
                roomTypes++;
                foreach (var participant in participants)
                {
                    await participant.OnRoomTypeCreatedAsync(unit.Transaction, property, roomType, cancellationToken);
                }
            }
        }

        await unit.CommitAsync(cancellationToken);
        return new PropertySetupReport(properties.Count, roomTypes, changed);
    }
}
