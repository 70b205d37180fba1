using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tartware.Contracts.Properties;
using Tartware.Properties.Amenities;
using Tartware.Properties.Guests;
using Tartware.Properties.Properties;
using Tartware.Properties.Rooms;
using Tartware.Properties.RoomTypes;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Migrations;

namespace Tartware.Properties;

/// <summary>The Properties module: properties, room types, rooms, the amenity catalog and guests (schema <c>inventory</c>).</summary>
public static class PropertiesModule
{
    /// <summary>Registers the module's services, migrations, façades, metrics and the guest fields to redact.</summary>
    public static IServiceCollection AddPropertiesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations("properties", "inventory", order: 20, typeof(PropertiesModule).Assembly);
        services.AddOptions<AmenityGuardrailOptions>().Bind(configuration.GetSection("Properties:Amenities"));
        services.AddMetrics();
        services.AddSingleton<AmenityMetrics>();
        services.AddSingleton<AmenityResolver>();
        services.AddSingleton<IPropertyDirectory, PropertyDirectory>();
        services.AddSingleton<IRoomDirectory, RoomDirectory>();
        services.AddSingleton<IRoomHousekeeping, RoomHousekeeping>();
        services.AddSingleton<IPropertySetupRunner, PropertySetupRunner>();
        services.AddScoped<PropertyService>();
        services.AddScoped<RoomTypeService>();
        services.AddScoped<RoomService>();
        services.AddScoped<RoomChangeService>();
        services.AddScoped<AmenityCatalogService>();
        services.AddScoped<AmenityCloneService>();
        services.AddScoped<AmenityDriftService>();
        services.AddScoped<AmenityPolicyService>();
        services.AddScoped<GuestService>();

        // Guest profiles are personal data (GDPR art. 4): every field that identifies a person is redacted in logs.
        services.AddSensitiveData(d => d
            .Register("firstName", SensitiveKind.PersonName)
            .Register("lastName", SensitiveKind.PersonName)
            .Register("email", SensitiveKind.Email)
            .Register("phone", SensitiveKind.Phone)
            .Register("address", SensitiveKind.Address)
            .Register("line1", SensitiveKind.Address)
            .Register("line2", SensitiveKind.Address)
            .Register("postalCode", SensitiveKind.Address)
            .Register("documentNumber", SensitiveKind.IdentityDocument)
            .Register("documentType", SensitiveKind.IdentityDocument)
            .Register("nationality", SensitiveKind.IdentityDocument)
            .Register("dateOfBirth", SensitiveKind.DateOfBirth)
            // No closer kind exists for free-text notes about a person; they are redacted all the same.
            .Register("blacklistReason", SensitiveKind.PersonName)
            .Register("preferences", SensitiveKind.PersonName));
        return services;
    }

    /// <summary>Maps /v1/properties (with room types, rooms and amenities) and /v1/guests.</summary>
    public static IEndpointRouteBuilder MapPropertiesModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPropertiesApi();
        endpoints.MapRoomTypesApi();
        endpoints.MapRoomsApi();
        endpoints.MapAmenitiesApi();
        endpoints.MapGuestsApi();
        return endpoints;
    }
}
