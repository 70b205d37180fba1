using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class AmenityDriftTests(PropertiesHost host)
{
    [Theory]
    [InlineData("wi-fi", "LEGACY_CODE", "WIFI")]
    [InlineData("Wireless Internet", "LEGACY_CODE", "WIFI")]
    [InlineData("tv", "LEGACY_CODE", "SMART_TV")]
    [InlineData("nespresso", "LEGACY_CODE", "COFFEE_BAR")]
    [InlineData("MINIBAR", "INACTIVE", null)]
    [InlineData("fridge", "UNKNOWN", null)]
    [InlineData("helipad", "UNKNOWN", null)]
    [InlineData("SPA_ACCESS", "UNKNOWN", null)]
    [InlineData("WIFI", null, null)]
    public async Task Drift_classifies_stored_codes_against_the_catalog(string stored, string? kind, string? suggestion)
    {
        var (session, propertyId, roomTypeId) = await HotelWithLegacyAmenityAsync(stored);
        var drift = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/amenities/drift", session.AccessToken);
        var items = drift.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("code").GetString() == stored).ToList();
        if (kind is null)
        {
            items.ShouldBeEmpty();
            return;
        }

        var item = items.ShouldHaveSingleItem();
        item.GetProperty("kind").GetString().ShouldBe(kind);
        item.GetProperty("roomTypeId").GetGuid().ShouldBe(roomTypeId);
        (item.GetProperty("suggestion").ValueKind == System.Text.Json.JsonValueKind.Null ? null : item.GetProperty("suggestion").GetString()).ShouldBe(suggestion);
        drift.GetProperty("byKind").GetProperty(kind).GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("MAP_ONLY", 1, 0, 1)]
    [InlineData("MAP_OR_REMOVE", 1, 1, 0)]
    [InlineData("REMOVE", 0, 2, 0)]
    public async Task Reconcile_maps_or_removes_by_mode(string mode, int mapped, int removed, int remaining)
    {
        var (session, propertyId, roomTypeId) = await HotelWithLegacyAmenityAsync("wi-fi");
        await InsertLegacyAsync(session, roomTypeId, "helipad");
        var result = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/properties/{propertyId}/amenities/reconcile", session.AccessToken, new { mode });
        result.GetProperty("mapped").GetInt32().ShouldBe(mapped);
        result.GetProperty("removed").GetInt32().ShouldBe(removed);
        result.GetProperty("remaining").GetInt32().ShouldBe(remaining);

        var again = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/properties/{propertyId}/amenities/reconcile", session.AccessToken, new { mode });
        again.GetProperty("mapped").GetInt32().ShouldBe(0);
        var roomType = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/room-types/{roomTypeId}", session.AccessToken);
        var codes = roomType.GetProperty("amenities").EnumerateArray().Select(a => a.GetString()).ToList();
        codes.ShouldContain("WIFI"); // the room type's own WIFI stays; a mapped wi-fi folds into it
        codes.ShouldNotContain("wi-fi");
    }

    [Fact]
    public async Task Reconcile_rejects_an_unknown_mode()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/amenities/reconcile", session.AccessToken, new { mode = "NUKE" });
        Api.ErrorFields(problem).ShouldBe(["mode"]);
    }

    [Fact]
    public async Task Deleting_a_custom_entry_in_use_shows_up_as_drift_and_in_the_metrics()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var basePath = $"/v1/properties/{propertyId}/amenities";
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{basePath}/BUTLER", session.AccessToken, new { name = "Butler service", category = "OTHER" });
        var roomTypeId = (await host.CreateRoomTypeAsync(session, propertyId, amenities: ["butler", "WIFI"])).GetProperty("id").GetGuid();
        await host.SendExpectingAsync(204, HttpMethod.Delete, $"{basePath}/BUTLER", session.AccessToken);

        var drift = await host.SendExpectingAsync(200, HttpMethod.Get, $"{basePath}/drift", session.AccessToken);
        drift.GetProperty("total").GetInt32().ShouldBe(1);
        drift.GetProperty("items")[0].GetProperty("roomTypeId").GetGuid().ShouldBe(roomTypeId);
        var metrics = await host.Client.GetStringAsync("/metrics");
        metrics.ShouldContain("tartware_amenities_drift_detected");
        metrics.ShouldContain("tartware_amenities_normalized");
    }

    private async Task<(TenantSession Session, Guid PropertyId, Guid RoomTypeId)> HotelWithLegacyAmenityAsync(string stored)
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/MINIBAR", session.AccessToken, new { status = "INACTIVE" });
        var roomTypeId = (await host.CreateRoomTypeAsync(session, propertyId, amenities: ["WIFI"])).GetProperty("id").GetGuid();
        if (stored != "WIFI")
        {
            await InsertLegacyAsync(session, roomTypeId, stored);
        }

        return (session, propertyId, roomTypeId);
    }

    // What an import from the predecessor system left behind: codes written straight into the table.
    private static Task<int> InsertLegacyAsync(TenantSession session, Guid roomTypeId, string code) =>
        TenantSql.ScalarAsTenantAsync<int>(session.TenantId,
            "insert into inventory.room_type_amenities (tenant_id, room_type_id, code, source) values ($1, $2, $3, 'LEGACY') returning 1",
            session.TenantId, roomTypeId, code);
}
