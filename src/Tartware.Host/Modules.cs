namespace Tartware.Host;

/// <summary>
/// The table of contents of the platform: every module's Add and Map, in dependency order.
/// A module is switched on here and nowhere else.
/// </summary>
internal static class Modules
{
    public static void AddAll(WebApplicationBuilder builder)
    {
        // Modules register here as they land (Identity, Properties, Rates, Availability, Reservations, ...).
        _ = builder;
    }

    public static void MapAll(WebApplication app)
    {
        _ = app;
    }
}
