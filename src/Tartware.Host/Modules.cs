using Tartware.Availability;
using Tartware.Identity;
using Tartware.Properties;
using Tartware.Rates;
using Tartware.Reservations;
using Tartware.ServiceDefaults.Roles;

namespace Tartware.Host;

/// <summary>
/// The table of contents of the platform: every module's Add and Map, in dependency order.
/// A module is switched on here and nowhere else.
/// </summary>
internal static class Modules
{
    public static void AddAll(WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityModule(builder.Configuration);
        builder.Services.AddPropertiesModule(builder.Configuration);
        builder.Services.AddRatesModule(builder.Configuration);
        builder.Services.AddAvailabilityModule(builder.Configuration);
        builder.Services.AddReservationsModule(builder.Configuration);
    }

    public static void MapAll(WebApplication app)
    {
        var api = app.Services.GetRequiredService<RoleSelection>().IsEnabled(RoleRegistration.Api);
        if (api)
        {
            app.MapIdentityModule();
            app.MapPropertiesModule();
            app.MapRatesModule();
            app.MapAvailabilityModule();
            app.MapReservationsModule();
        }
    }
}
