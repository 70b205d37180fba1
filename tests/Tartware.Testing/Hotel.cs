using System.Text.Json;

namespace Tartware.Testing;

/// <summary>A fresh tenant with one property, room types with the given room counts, all through the public API.</summary>
public sealed record Hotel(TenantSession Session, Guid PropertyId, Guid[] RoomTypeIds, Guid[][] RoomIds)
{
    /// <summary>Far enough ahead that "today" in any time zone never reaches the test's nights.</summary>
    public static readonly DateOnly Day0 = new(2031, 6, 2);

    public static async Task<Hotel> CreateAsync(PlatformHost host, params int[] roomsPerType)
    {
        var session = await host.NewTenantSessionAsync();
        return await CreateAsync(host, session, roomsPerType);
    }

    public static async Task<Hotel> CreateAsync(PlatformHost host, TenantSession session, params int[] roomsPerType)
    {
        var code = "H" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var property = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/properties", session.AccessToken, new
        {
            code,
            name = "Harbour " + code,
            timeZone = "Europe/Lisbon",
            currency = "EUR",
            address = new { line1 = "Rua do Cais 1", city = "Lisboa", postalCode = "1100-001", country = "PT" },
            checkInTime = "15:00",
            checkOutTime = "11:00",
        });
        var propertyId = property.GetProperty("id").GetGuid();
        var types = new Guid[roomsPerType.Length];
        var rooms = new Guid[roomsPerType.Length][];
        for (var t = 0; t < roomsPerType.Length; t++)
        {
            var type = await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", session.AccessToken, new
            {
                code = $"T{t}",
                name = $"Type {t}",
                baseOccupancy = 2,
                maxAdults = 2,
                maxChildren = 1,
                bedType = "DOUBLE",
                baseRate = 100m + t,
                amenities = new[] { "WIFI" },
                sortOrder = t,
            });
            types[t] = type.GetProperty("id").GetGuid();
            rooms[t] = [];
            if (roomsPerType[t] > 0)
            {
                var created = await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms/bulk", session.AccessToken, new
                {
                    rooms = Enumerable.Range(1, roomsPerType[t]).Select(i => new { number = $"{t + 1}{i:D2}", floor = t + 1, roomTypeId = types[t] }).ToArray(),
                });
                rooms[t] = [.. created.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];
            }
        }

        return new Hotel(session, propertyId, types, rooms);
    }

    public Task<JsonElement> GridAsync(PlatformHost host, DateOnly from, DateOnly to, int type = 0) =>
        host.SendExpectingAsync(200, HttpMethod.Get,
            $"/v1/properties/{PropertyId}/availability?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&roomTypeId={RoomTypeIds[type]}", Session.AccessToken);

    public static object HoldBody(Hotel hotel, DateOnly arrival, DateOnly departure, int quantity = 1, int type = 0, string? key = null, int ttl = 600) => new
    {
        propertyId = hotel.PropertyId,
        roomTypeId = hotel.RoomTypeIds[type],
        arrival,
        departure,
        quantity,
        ttlSeconds = ttl,
        idempotencyKey = key ?? Guid.NewGuid().ToString(),
        reason = "test hold",
    };

    /// <summary>A user of the hotel's tenant with <paramref name="role"/>, logged in.</summary>
    public async Task<string> UserTokenAsync(PlatformHost host, string role)
    {
        var username = role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/users", Session.AccessToken,
            new { username, email = username + "@example.test", password = PlatformHost.Password, role });
        return (await host.LoginOkAsync(username)).GetProperty("accessToken").GetString()!;
    }
}

/// <summary>Reading nights from the grid.</summary>
public static class Grid
{
    public static IReadOnlyList<JsonElement> Nights(JsonElement grid) => [.. grid.GetProperty("nights").EnumerateArray()];

    public static int Sum(JsonElement grid, string field) => Nights(grid).Sum(n => n.GetProperty(field).GetInt32());

    public static int Min(JsonElement grid, string field) => Nights(grid).Min(n => n.GetProperty(field).GetInt32());
}
