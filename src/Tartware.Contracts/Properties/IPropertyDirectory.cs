using System.Data.Common;

namespace Tartware.Contracts.Properties;

/// <summary>
/// Read façade over the hotel model (module Properties, schema <c>inventory</c>) for other modules.
/// Every call joins the caller's transaction, which already carries the tenant for row-level
/// security, so a property of another tenant is simply not found.
/// </summary>
public interface IPropertyDirectory
{
    /// <summary>The property, or null when it does not exist in the caller's tenant.</summary>
    Task<PropertyInfo?> FindPropertyAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default);

    /// <summary>The property's room types in sort order (empty when the property is unknown).</summary>
    Task<IReadOnlyList<RoomTypeInfo>> ListRoomTypesAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default);

    /// <summary>The guest profile, or null when it does not exist in the caller's tenant.</summary>
    Task<GuestInfo?> FindGuestAsync(DbTransaction transaction, Guid guestId, CancellationToken cancellationToken = default);
}

/// <summary>A guest profile as other modules see it (the reservation pipeline snapshots it and refuses blacklisted guests).</summary>
/// <param name="Id">Guest id.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">E-mail, when known.</param>
/// <param name="Phone">Phone, when known.</param>
/// <param name="Blacklisted">True when the hotel refuses this guest.</param>
/// <param name="BlacklistReason">Why, when blacklisted.</param>
public sealed record GuestInfo(Guid Id, string FirstName, string LastName, string? Email, string? Phone, bool Blacklisted, string? BlacklistReason);

/// <summary>A property as other modules see it. Stay dates are in <see cref="TimeZone"/>, money in <see cref="Currency"/>.</summary>
/// <param name="TenantId">Owning tenant.</param>
/// <param name="Id">Property id.</param>
/// <param name="Code">Code, unique per tenant.</param>
/// <param name="Name">Display name.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
/// <param name="Status">ACTIVE, INACTIVE, ...</param>
public sealed record PropertyInfo(Guid TenantId, Guid Id, string Code, string Name, string TimeZone, string Currency, string Status);

/// <summary>A room type as other modules see it.</summary>
/// <param name="Id">Room type id.</param>
/// <param name="PropertyId">Property it belongs to.</param>
/// <param name="Code">Code, unique per property.</param>
/// <param name="Name">Display name.</param>
/// <param name="BaseRate">Base nightly rate in the property's currency (BAR and RACK start from it).</param>
/// <param name="BaseOccupancy">Guests included in the base rate.</param>
/// <param name="MaxAdults">Maximum adults.</param>
/// <param name="MaxChildren">Maximum children.</param>
/// <param name="Status">ACTIVE or INACTIVE.</param>
public sealed record RoomTypeInfo(Guid Id, Guid PropertyId, string Code, string Name, decimal BaseRate, int BaseOccupancy, int MaxAdults, int MaxChildren, string Status);
