using System.Text.Json;
using Tartware.Testing;

namespace Tartware.Rates.Tests.Infrastructure;

/// <summary>A fresh tenant with one property and its room types, made through the Properties API.</summary>
public sealed record Hotel(TenantSession Owner, Guid PropertyId, Guid[] RoomTypeIds)
{
    /// <summary>Monday 4 March 2030: the stays of these tests start here.</summary>
    public static readonly DateOnly Monday = new(2030, 3, 4);

    public Guid RoomTypeId => RoomTypeIds[0];

    public string Base => $"/v1/properties/{PropertyId}";

    /// <summary>A tenant, a property in EUR and room types with the given base rates (max 2 adults, 1 child).</summary>
    public static async Task<Hotel> CreateAsync(PlatformHost host, params decimal[] baseRates)
    {
        var owner = await host.NewTenantSessionAsync();
        var property = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/properties", owner.AccessToken,
            new { code = "HTL1", name = "Harbour Test Hotel", timeZone = "Europe/Lisbon", currency = "EUR" });
        var propertyId = property.GetProperty("id").GetGuid();
        var roomTypes = new List<Guid>();
        var i = 0;
        foreach (var rate in baseRates.Length == 0 ? [100m] : baseRates)
        {
            var roomType = await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", owner.AccessToken,
                new { code = "RT" + i++, name = "Room type " + i, bedType = "DOUBLE", baseOccupancy = 2, maxAdults = 2, maxChildren = 1, baseRate = rate });
            roomTypes.Add(roomType.GetProperty("id").GetGuid());
        }

        return new Hotel(owner, propertyId, [.. roomTypes]);
    }

    public async Task<JsonElement> PlanAsync(PlatformHost host, string code)
    {
        var page = await host.SendExpectingAsync(200, HttpMethod.Get, $"{Base}/rate-plans?limit=200", Owner.AccessToken);
        return page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("code").GetString() == code);
    }

    public async Task<Guid> PlanIdAsync(PlatformHost host, string code) => (await PlanAsync(host, code)).GetProperty("id").GetGuid();

    public async Task<Guid> CreatePlanAsync(PlatformHost host, string code, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["code"] = code, ["name"] = code + " plan", ["type"] = "PROMO" };
        foreach (var property in JsonSerializer.SerializeToElement(extra ?? new { }, JsonSerializerOptions.Web).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }

        return (await host.SendExpectingAsync(201, HttpMethod.Post, $"{Base}/rate-plans", Owner.AccessToken, body)).GetProperty("id").GetGuid();
    }

    public Task<JsonElement> PricesAsync(PlatformHost host, Guid planId, DateOnly from, DateOnly to, decimal amount, string[]? weekdays = null) =>
        host.SendExpectingAsync(200, HttpMethod.Put, $"{Base}/rate-plans/{planId}/prices", Owner.AccessToken,
            new { roomTypeIds = new[] { RoomTypeId }, from, to, amount, weekdays });

    public Task<JsonElement> RestrictAsync(PlatformHost host, Guid planId, DateOnly from, DateOnly to, object restriction)
    {
        var body = JsonSerializer.SerializeToElement(restriction, JsonSerializerOptions.Web).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value);
        body["roomTypeIds"] = new[] { RoomTypeId };
        body["from"] = from;
        body["to"] = to;
        return host.SendExpectingAsync(200, HttpMethod.Put, $"{Base}/rate-plans/{planId}/restrictions", Owner.AccessToken, body);
    }

    public string QuotePath(DateOnly arrival, int nights, string? rateCode = null, string extra = "") =>
        $"{Base}/rates/quote?roomTypeId={RoomTypeId}&arrival={arrival:yyyy-MM-dd}&departure={arrival.AddDays(nights):yyyy-MM-dd}&adults=2"
        + (rateCode is null ? "" : "&rateCode=" + rateCode) + extra;

    /// <summary>A user of this tenant with the given role, logged in.</summary>
    public async Task<string> UserTokenAsync(PlatformHost host, string role)
    {
        var username = role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/users", Owner.AccessToken,
            new { username, email = username + "@example.test", password = PlatformHost.Password, role });
        return (await host.LoginOkAsync(username)).GetProperty("accessToken").GetString()!;
    }
}
