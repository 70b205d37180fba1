using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class TenancyTests(PropertiesHost host)
{
    [Fact]
    public async Task Every_endpoint_walls_off_another_tenants_resources()
    {
        var owner = await host.NewTenantSessionAsync();
        var intruder = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, roomId) = await host.CreateHotelAsync(owner);
        var guestId = (await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", owner.AccessToken, new { firstName = "Owner", lastName = "Guest" }))
            .GetProperty("id").GetGuid();
        await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/OWN_ENTRY", owner.AccessToken, new { name = "Own entry", category = "OTHER" });
        await host.SendExpectingAsync(200, HttpMethod.Put, "/v1/amenity-policy", owner.AccessToken, new { maxCustomTags = 1 });
        var p = $"/v1/properties/{propertyId}";

        await CrossTenantMatrix.AssertWalledAsync(host, owner, intruder,
        [
            new(HttpMethod.Get, p),
            new(HttpMethod.Patch, p, new { name = "Hijacked" }),
            new(HttpMethod.Get, $"{p}/room-types"),
            new(HttpMethod.Get, $"{p}/room-types/{roomTypeId}"),
            new(HttpMethod.Post, $"{p}/room-types", Api.RoomTypeBody("EVIL")),
            new(HttpMethod.Patch, $"{p}/room-types/{roomTypeId}", new { name = "Hijacked" }),
            new(HttpMethod.Get, $"{p}/rooms"),
            new(HttpMethod.Get, $"{p}/rooms/{roomId}"),
            new(HttpMethod.Post, $"{p}/rooms", new { number = "666", roomTypeId }),
            new(HttpMethod.Post, $"{p}/rooms/bulk", new { rooms = new[] { new { number = "667", roomTypeId } } }),
            new(HttpMethod.Patch, $"{p}/rooms/{roomId}", new { floor = 9 }),
            new(HttpMethod.Put, $"{p}/rooms/{roomId}/status", new { status = "OUT_OF_ORDER" }),
            new(HttpMethod.Delete, $"{p}/rooms/{roomId}"),
            new(HttpMethod.Get, $"{p}/amenities"),
            new(HttpMethod.Put, $"{p}/amenities/WIFI", new { name = "Hijacked" }),
            new(HttpMethod.Delete, $"{p}/amenities/OWN_ENTRY"),
            new(HttpMethod.Post, $"{p}/amenities/regenerate"),
            new(HttpMethod.Post, $"{p}/amenities/normalize", new { codes = new[] { "wifi" } }),
            new(HttpMethod.Post, $"{p}/amenities/clone", new { roomTypeIds = new[] { roomTypeId } }),
            new(HttpMethod.Get, $"{p}/amenities/drift"),
            new(HttpMethod.Post, $"{p}/amenities/reconcile", new { mode = "REMOVE" }),
            new(HttpMethod.Get, $"{p}/amenities/policy"),
            new(HttpMethod.Put, $"{p}/amenities/policy", new { maxCustomTags = 1 }),
            new(HttpMethod.Get, $"/v1/guests/{guestId}"),
            new(HttpMethod.Patch, $"/v1/guests/{guestId}", new { firstName = "Hijacked" }),
        ]);

        var guests = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/guests", intruder.AccessToken);
        guests.GetProperty("items").GetArrayLength().ShouldBe(0);
        var policy = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/amenity-policy", intruder.AccessToken);
        policy.GetProperty("maxCustomTags").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var properties = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/properties", intruder.AccessToken);
        properties.GetProperty("items").GetArrayLength().ShouldBe(0);
        var room = await host.SendExpectingAsync(200, HttpMethod.Get, $"{p}/rooms/{roomId}", owner.AccessToken);
        room.GetProperty("floor").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Every_inventory_table_shows_no_rows_without_a_tenant()
    {
        var session = await host.NewTenantSessionAsync();
        await host.CreateHotelAsync(session);
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", session.AccessToken, new { firstName = "A", lastName = "B" });
        await host.SendExpectingAsync(200, HttpMethod.Put, "/v1/amenity-policy", session.AccessToken, new { maxCustomTags = 2 });
        var tables = (await TenantSql.TenantTablesAsync()).Where(t => t.StartsWith("inventory.", StringComparison.Ordinal)).ToList();
        tables.ShouldBe(
            ["inventory.amenity_catalog", "inventory.amenity_policies", "inventory.guests", "inventory.properties", "inventory.room_type_amenities", "inventory.room_types", "inventory.rooms"],
            ignoreOrder: true);
        foreach (var table in tables)
        {
            (await TenantSql.CountWithoutTenantAsync(table)).ShouldBe(0, table);
            (await TenantSql.ScalarAsTenantAsync<long>(session.TenantId, $"select count(*) from {table}")).ShouldBeGreaterThan(0, table);
        }
    }
}
