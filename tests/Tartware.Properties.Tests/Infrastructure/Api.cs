using System.Text.Json;
using Tartware.Testing;

namespace Tartware.Properties.Tests.Infrastructure;

/// <summary>Builders for the resources most tests need, with valid defaults a test overrides by argument.</summary>
public static class Api
{
    public static string NewCode(string prefix = "P") => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public static object PropertyBody(string code, string currency = "EUR") => new
    {
        code,
        name = "Harbour Hotel " + code,
        timeZone = "Europe/Lisbon",
        currency,
        address = new { line1 = "Rua do Cais 1", city = "Lisboa", postalCode = "1100-001", country = "PT" },
        checkInTime = "15:00",
        checkOutTime = "11:00",
    };

    public static Task<JsonElement> CreatePropertyAsync(this PlatformHost host, TenantSession session, string? code = null) =>
        host.SendExpectingAsync(201, HttpMethod.Post, "/v1/properties", session.AccessToken, PropertyBody(code ?? NewCode()));

    public static object RoomTypeBody(string code, string[]? amenities = null) => new
    {
        code,
        name = "Double " + code,
        description = "A quiet double room",
        baseOccupancy = 2,
        maxAdults = 2,
        maxChildren = 1,
        bedType = "DOUBLE",
        sizeSqm = 24.5m,
        baseRate = 120.50m,
        amenities = amenities ?? ["WIFI"],
        sortOrder = 1,
    };

    public static Task<JsonElement> CreateRoomTypeAsync(this PlatformHost host, TenantSession session, Guid propertyId, string? code = null, string[]? amenities = null) =>
        host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", session.AccessToken,
            RoomTypeBody(code ?? NewCode("RT"), amenities));

    public static Task<JsonElement> CreateRoomAsync(this PlatformHost host, TenantSession session, Guid propertyId, Guid roomTypeId, string number) =>
        host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms", session.AccessToken,
            new { number, floor = 1, building = "Main", roomTypeId, features = new[] { "corner" } });

    /// <summary>A property with one room type and one room: the usual start of a room test.</summary>
    public static async Task<(Guid PropertyId, Guid RoomTypeId, Guid RoomId)> CreateHotelAsync(this PlatformHost host, TenantSession session)
    {
        var property = await host.CreatePropertyAsync(session);
        var propertyId = property.GetProperty("id").GetGuid();
        var roomTypeId = (await host.CreateRoomTypeAsync(session, propertyId)).GetProperty("id").GetGuid();
        var roomId = (await host.CreateRoomAsync(session, propertyId, roomTypeId, "101")).GetProperty("id").GetGuid();
        return (propertyId, roomTypeId, roomId);
    }

    /// <summary>A user of the session's tenant with <paramref name="role"/>, logged in; returns the token.</summary>
    public static async Task<string> UserTokenAsync(this PlatformHost host, TenantSession session, string role)
    {
        var username = role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/users", session.AccessToken,
            new { username, email = username + "@example.test", password = PlatformHost.Password, role });
        var login = await host.LoginOkAsync(username);
        return login.GetProperty("accessToken").GetString()!;
    }

    public static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };

    /// <summary>The field names of a validation problem's <c>errors</c>.</summary>
    public static string[] ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
}
