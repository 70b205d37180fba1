using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Rates;

/// <summary>Every Rates route hangs off a property of the caller's tenant: resolve it through the Properties façade or answer 404.</summary>
internal static class PropertyGuard
{
    public static async Task<PropertyInfo> RequirePropertyAsync(this IPropertyDirectory directory, IUnitOfWork unit, Guid propertyId, CancellationToken cancellationToken) =>
        await directory.FindPropertyAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());

    public static async Task<RoomTypeInfo> RequireRoomTypeAsync(
        this IPropertyDirectory directory, IUnitOfWork unit, Guid propertyId, Guid roomTypeId, CancellationToken cancellationToken) =>
        (await directory.ListRoomTypesAsync(unit.Transaction, propertyId, cancellationToken)).FirstOrDefault(t => t.Id == roomTypeId)
            ?? throw new NotFoundException("room type", roomTypeId.ToString());
}
