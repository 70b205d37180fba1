using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Properties.RoomTypes;

namespace Tartware.Properties.Properties;

/// <summary><see cref="IPropertyDirectory"/> over the caller's transaction (its tenant drives RLS).</summary>
internal sealed class PropertyDirectory : IPropertyDirectory
{
    public Task<PropertyInfo?> FindPropertyAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default) =>
        PropertyStore.FindInfoAsync(transaction, propertyId, cancellationToken);

    public async Task<IReadOnlyList<RoomTypeInfo>> ListRoomTypesAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default) =>
        await RoomTypeStore.InfosAsync(transaction, propertyId, cancellationToken);
}
