using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class RoomTypesApiTests(PropertiesHost host)
{
    [Fact]
    public async Task A_room_type_keeps_its_fields_and_normalizes_amenity_spellings()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var created = await host.CreateRoomTypeAsync(session, propertyId, "dbl", ["wi-fi", "Smart TV", "A/C", "WIFI"]);
        created.GetProperty("code").GetString().ShouldBe("DBL");
        created.GetProperty("baseRate").GetDecimal().ShouldBe(120.50m);
        created.GetProperty("sizeSqm").GetDecimal().ShouldBe(24.5m);
        created.GetProperty("amenities").EnumerateArray().Select(a => a.GetString()).ShouldBe(["CLIMATE_CONTROL", "SMART_TV", "WIFI"]);

        var id = created.GetProperty("id").GetGuid();
        var read = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/room-types/{id}", session.AccessToken);
        read.GetProperty("maxChildren").GetInt32().ShouldBe(1);
        var list = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/room-types?limit=1", session.AccessToken);
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Creating_a_room_type_runs_the_setup_participants()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var id = (await host.CreateRoomTypeAsync(session, propertyId)).GetProperty("id").GetGuid();
        host.Participant.RoomTypes.ShouldContain(t => t.Id == id && t.PropertyId == propertyId && t.BaseRate == 120.50m);
    }

    [Fact]
    public async Task Amenities_outside_the_catalog_are_rejected_by_position()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", session.AccessToken,
            Api.RoomTypeBody("RT1", ["WIFI", "jacuzzi-deluxe", "helipad"]));
        Api.ErrorFields(problem).ShouldBe(["amenities[1]", "amenities[2]"], ignoreOrder: true);
    }

    [Fact]
    public async Task Shape_errors_are_listed_together()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", session.AccessToken, new
        {
            code = "bad code!",
            name = "",
            baseOccupancy = 0,
            maxAdults = 50,
            maxChildren = -1,
            bedType = "HAMMOCK",
            sizeSqm = -3,
            baseRate = 10.12345m,
            sortOrder = -1,
            status = "GONE",
        });
        Api.ErrorFields(problem).ShouldBe(
            ["code", "name", "baseOccupancy", "maxAdults", "maxChildren", "bedType", "sizeSqm", "baseRate", "sortOrder", "status"], ignoreOrder: true);
        var missing = await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", session.AccessToken, new { code = "X" });
        Api.ErrorFields(missing).ShouldBe(["name", "bedType", "baseRate"], ignoreOrder: true);
        await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", session.AccessToken,
            new { code = "X", name = "X", bedType = "KING", baseRate = 0 });
    }

    [Fact]
    public async Task Base_occupancy_above_capacity_is_a_business_rule_violation()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var problem = await host.SendExpectingAsync(422, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", session.AccessToken,
            new { code = "X", name = "X", bedType = "KING", baseRate = 100, baseOccupancy = 4, maxAdults = 2, maxChildren = 1 });
        problem.GetProperty("code").GetString().ShouldBe("occupancy-exceeds-capacity");
    }

    [Fact]
    public async Task A_duplicate_code_in_the_property_is_a_conflict_but_not_in_another_property()
    {
        var session = await host.NewTenantSessionAsync();
        var first = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var second = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        await host.CreateRoomTypeAsync(session, first, "KING");
        await host.CreateRoomTypeAsync(session, second, "KING");
        var problem = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/properties/{first}/room-types", session.AccessToken, Api.RoomTypeBody("king"));
        problem.GetProperty("code").GetString().ShouldBe("room-type-code-taken");
    }

    [Fact]
    public async Task Patch_replaces_amenities_and_refuses_a_stale_version()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var id = (await host.CreateRoomTypeAsync(session, propertyId)).GetProperty("id").GetGuid();
        var path = $"/v1/properties/{propertyId}/room-types/{id}";
        var updated = await host.SendExpectingAsync(200, HttpMethod.Patch, path, session.AccessToken,
            new { baseRate = 99.9m, amenities = new[] { "minibar", "coffee maker" } }, Api.IfMatch("\"1\""));
        updated.GetProperty("baseRate").GetDecimal().ShouldBe(99.9m);
        updated.GetProperty("amenities").EnumerateArray().Select(a => a.GetString()).ShouldBe(["COFFEE_BAR", "MINIBAR"]);
        updated.GetProperty("name").GetString().ShouldStartWith("Double");

        var stale = await host.SendExpectingAsync(409, HttpMethod.Patch, path, session.AccessToken, new { name = "x" }, Api.IfMatch("W/\"1\""));
        stale.GetProperty("code").GetString().ShouldBe("version-mismatch");
        await host.SendExpectingAsync(422, HttpMethod.Patch, path, session.AccessToken, new { baseOccupancy = 10 });
        await host.SendExpectingAsync(400, HttpMethod.Patch, path, session.AccessToken, new { bedType = "HAMMOCK" });
        await host.SendExpectingAsync(404, HttpMethod.Patch, $"/v1/properties/{propertyId}/room-types/{Guid.NewGuid()}", session.AccessToken, new { name = "x" });
    }

    [Fact]
    public async Task Room_types_of_an_unknown_property_are_not_found()
    {
        var session = await host.NewTenantSessionAsync();
        await host.SendExpectingAsync(404, HttpMethod.Get, $"/v1/properties/{Guid.NewGuid()}/room-types", session.AccessToken);
        await host.SendExpectingAsync(404, HttpMethod.Post, $"/v1/properties/{Guid.NewGuid()}/room-types", session.AccessToken, Api.RoomTypeBody("X"));
    }

    [Fact]
    public async Task Staff_read_room_types_but_cannot_create_them()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var staff = await host.UserTokenAsync(session, "STAFF");
        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/room-types", staff);
        await host.SendExpectingAsync(403, HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", staff, Api.RoomTypeBody("X"));
    }
}
