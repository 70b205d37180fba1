namespace Tartware.Contracts.Properties;

/// <summary>
/// The setup step for existing properties (<c>tartware properties setup --tenant ID</c>): re-runs the
/// amenity seed and calls every <see cref="IPropertySetupParticipant"/> again for each property and
/// room type of one tenant. Idempotent; implemented by the Properties module.
/// </summary>
public interface IPropertySetupRunner
{
    /// <summary>Runs the setup for every property of <paramref name="tenantId"/> in one transaction.</summary>
    Task<PropertySetupReport> RunAsync(Guid tenantId, CancellationToken cancellationToken = default);
}

/// <summary>What the setup step visited and changed.</summary>
/// <param name="Properties">Properties set up.</param>
/// <param name="RoomTypes">Room types set up.</param>
/// <param name="AmenityRowsChanged">Catalog rows the seed inserted or refreshed (0 on a re-run).</param>
public sealed record PropertySetupReport(int Properties, int RoomTypes, int AmenityRowsChanged);
