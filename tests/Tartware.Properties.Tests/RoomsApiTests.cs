using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class RoomsApiTests(PropertiesHost host)
{
    [Fact]
    public async Task A_new_room_is_available_clean_and_announced_to_the_participants()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, roomId) = await host.CreateHotelAsync(session);
        var room = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/rooms/{roomId}", session.AccessToken);
        room.GetProperty("status").GetString().ShouldBe("AVAILABLE");
        room.GetProperty("housekeepingStatus").GetString().ShouldBe("CLEAN");
        room.GetProperty("features").EnumerateArray().Single().GetString().ShouldBe("CORNER");
        host.Participant.RoomChanges.ShouldContain(c => c.RoomId == roomId && c.Kind == "ADDED" && c.NewRoomTypeId == roomTypeId);
    }

    [Fact]
    public async Task Bulk_creates_every_room_in_one_go()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, _) = await host.CreateHotelAsync(session);
        var rooms = Enumerable.Range(201, 30).Select(n => new { number = n.ToString(System.Globalization.CultureInfo.InvariantCulture), floor = 2, roomTypeId }).ToArray();
        var created = await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms/bulk", session.AccessToken, new { rooms });
        created.GetProperty("count").GetInt32().ShouldBe(30);

        var page = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/rooms?limit=20&roomTypeId={roomTypeId}", session.AccessToken);
        page.GetProperty("items").GetArrayLength().ShouldBe(20);
        var rest = await host.SendExpectingAsync(200, HttpMethod.Get,
            $"/v1/properties/{propertyId}/rooms?limit=20&after={page.GetProperty("next").GetString()}", session.AccessToken);
        rest.GetProperty("items").GetArrayLength().ShouldBe(11);
    }

    [Fact]
    public async Task Bulk_with_one_taken_number_creates_nothing()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, _) = await host.CreateHotelAsync(session);
        var rooms = new[] { new { number = "102", roomTypeId }, new { number = "101", roomTypeId }, new { number = "103", roomTypeId } };
        var problem = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms/bulk", session.AccessToken, new { rooms });
        problem.GetProperty("code").GetString().ShouldBe("room-number-taken");
        problem.GetProperty("numbers").EnumerateArray().Single().GetString().ShouldBe("101");
        (await TenantSql.ScalarAsTenantAsync<long>(session.TenantId, "select count(*) from inventory.rooms")).ShouldBe(1);
    }

    [Fact]
    public async Task Bulk_validation_names_each_bad_item_and_repeated_numbers()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, _) = await host.CreateHotelAsync(session);
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms/bulk", session.AccessToken, new
        {
            rooms = new object[]
            {
                new { number = "301", roomTypeId },
                new { number = "301", roomTypeId },
                new { number = "#bad", roomTypeId, status = "SLEEPING" },
                new { number = "302" },
            },
        });
        Api.ErrorFields(problem).ShouldBe(["rooms[1].number", "rooms[2].number", "rooms[2].status", "rooms[3].roomTypeId"], ignoreOrder: true);
        await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms/bulk", session.AccessToken, new { rooms = Array.Empty<object>() });
    }

    [Fact]
    public async Task A_duplicate_room_number_is_a_conflict()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, roomId) = await host.CreateHotelAsync(session);
        var problem = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms", session.AccessToken, new { number = "101", roomTypeId });
        problem.GetProperty("code").GetString().ShouldBe("room-number-taken");
        await host.CreateRoomAsync(session, propertyId, roomTypeId, "102");
        await host.SendExpectingAsync(409, HttpMethod.Patch, $"/v1/properties/{propertyId}/rooms/{roomId}", session.AccessToken, new { number = "102" });
    }

    [Fact]
    public async Task A_room_type_of_another_property_or_an_inactive_one_is_refused()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, _) = await host.CreateHotelAsync(session);
        var (_, foreignType, _) = await host.CreateHotelAsync(session);
        var problem = await host.SendExpectingAsync(422, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms", session.AccessToken,
            new { number = "900", roomTypeId = foreignType });
        problem.GetProperty("code").GetString().ShouldBe("unknown-room-type");

        await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/properties/{propertyId}/room-types/{roomTypeId}", session.AccessToken, new { status = "INACTIVE" });
        var inactive = await host.SendExpectingAsync(422, HttpMethod.Post, $"/v1/properties/{propertyId}/rooms", session.AccessToken, new { number = "901", roomTypeId });
        inactive.GetProperty("code").GetString().ShouldBe("room-type-inactive");
    }

    [Fact]
    public async Task Retyping_a_room_asks_the_participants_and_their_refusal_leaves_the_room_unchanged()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, oldType, roomId) = await host.CreateHotelAsync(session);
        var newType = (await host.CreateRoomTypeAsync(session, propertyId, "SUITE")).GetProperty("id").GetGuid();
        var path = $"/v1/properties/{propertyId}/rooms/{roomId}";

        host.Participant.RefusedRooms[roomId] = true;
        var refused = await host.SendExpectingAsync(409, HttpMethod.Patch, path, session.AccessToken, new { roomTypeId = newType, floor = 7 });
        refused.GetProperty("code").GetString().ShouldBe("room-in-use");
        refused.GetProperty("nights").GetArrayLength().ShouldBe(1);
        var unchanged = await host.SendExpectingAsync(200, HttpMethod.Get, path, session.AccessToken);
        unchanged.GetProperty("roomTypeId").GetGuid().ShouldBe(oldType);
        unchanged.GetProperty("floor").GetInt32().ShouldBe(1);

        host.Participant.RefusedRooms.TryRemove(roomId, out _);
        var retyped = await host.SendExpectingAsync(200, HttpMethod.Patch, path, session.AccessToken, new { roomTypeId = newType }, Api.IfMatch("\"1\""));
        retyped.GetProperty("roomTypeId").GetGuid().ShouldBe(newType);
        host.Participant.RoomChanges.ShouldContain(c => c.RoomId == roomId && c.Kind == "RETYPED" && c.OldRoomTypeId == oldType && c.NewRoomTypeId == newType);
        await host.SendExpectingAsync(409, HttpMethod.Patch, path, session.AccessToken, new { floor = 3 }, Api.IfMatch("\"1\""));
    }

    [Fact]
    public async Task Removing_a_room_is_refused_while_a_participant_objects_then_allowed()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, _, roomId) = await host.CreateHotelAsync(session);
        var path = $"/v1/properties/{propertyId}/rooms/{roomId}";
        host.Participant.RefusedRooms[roomId] = true;
        await host.SendExpectingAsync(409, HttpMethod.Delete, path, session.AccessToken);
        await host.SendExpectingAsync(200, HttpMethod.Get, path, session.AccessToken);

        host.Participant.RefusedRooms.TryRemove(roomId, out _);
        await host.SendExpectingAsync(409, HttpMethod.Delete, path, session.AccessToken, headers: Api.IfMatch("\"9\""));
        await host.SendExpectingAsync(204, HttpMethod.Delete, path, session.AccessToken);
        await host.SendExpectingAsync(404, HttpMethod.Get, path, session.AccessToken);
        host.Participant.RoomChanges.ShouldContain(c => c.RoomId == roomId && c.Kind == "REMOVED" && c.NewRoomTypeId == null);
    }

    [Fact]
    public async Task Staff_set_status_and_housekeeping_and_a_forced_change_passes_the_participant()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, _, roomId) = await host.CreateHotelAsync(session);
        var staff = await host.UserTokenAsync(session, "STAFF");
        var path = $"/v1/properties/{propertyId}/rooms/{roomId}/status";

        var dirty = await host.SendExpectingAsync(200, HttpMethod.Put, path, staff, new { housekeepingStatus = "DIRTY" });
        dirty.GetProperty("housekeepingStatus").GetString().ShouldBe("DIRTY");
        host.Participant.RoomChanges.ShouldNotContain(c => c.RoomId == roomId && c.Kind == "STATUS_CHANGED");

        host.Participant.RefusedRooms[roomId] = true;
        await host.SendExpectingAsync(409, HttpMethod.Put, path, staff, new { status = "OUT_OF_ORDER" });
        await host.SendExpectingAsync(400, HttpMethod.Put, path, staff, new { status = "OUT_OF_ORDER", force = true });
        var forced = await host.SendExpectingAsync(200, HttpMethod.Put, path, staff, new { status = "OUT_OF_ORDER", force = true, reason = "Water leak" });
        forced.GetProperty("status").GetString().ShouldBe("OUT_OF_ORDER");
        host.Participant.RoomChanges.ShouldContain(c => c.RoomId == roomId && c.Kind == "STATUS_CHANGED" && c.Force && c.Reason == "Water leak"
            && c.OldStatus == "AVAILABLE" && c.NewStatus == "OUT_OF_ORDER");
        host.Participant.RefusedRooms.TryRemove(roomId, out _);

        await host.SendExpectingAsync(400, HttpMethod.Put, path, staff, new { status = "BROKEN", housekeepingStatus = "SPARKLING" });
        await host.SendExpectingAsync(400, HttpMethod.Put, path, staff, new { });
    }

    [Fact]
    public async Task Viewers_cannot_set_status_and_staff_cannot_shape_the_inventory()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, roomId) = await host.CreateHotelAsync(session);
        var viewer = await host.UserTokenAsync(session, "VIEWER");
        var staff = await host.UserTokenAsync(session, "STAFF");
        var rooms = $"/v1/properties/{propertyId}/rooms";
        await host.SendExpectingAsync(200, HttpMethod.Get, rooms, viewer);
        await host.SendExpectingAsync(403, HttpMethod.Put, $"{rooms}/{roomId}/status", viewer, new { housekeepingStatus = "DIRTY" });
        await host.SendExpectingAsync(403, HttpMethod.Post, rooms, staff, new { number = "500", roomTypeId });
        await host.SendExpectingAsync(403, HttpMethod.Post, $"{rooms}/bulk", staff, new { rooms = new[] { new { number = "500", roomTypeId } } });
        await host.SendExpectingAsync(403, HttpMethod.Patch, $"{rooms}/{roomId}", staff, new { floor = 2 });
        await host.SendExpectingAsync(403, HttpMethod.Delete, $"{rooms}/{roomId}", staff);
    }

    [Fact]
    public async Task Listing_filters_by_status_and_rejects_unknown_ones()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, roomId) = await host.CreateHotelAsync(session);
        await host.CreateRoomAsync(session, propertyId, roomTypeId, "102");
        await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{propertyId}/rooms/{roomId}/status", session.AccessToken, new { status = "OUT_OF_SERVICE" });
        var list = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/rooms?status=OUT_OF_SERVICE", session.AccessToken);
        list.GetProperty("items").EnumerateArray().Single().GetProperty("number").GetString().ShouldBe("101");
        await host.SendExpectingAsync(400, HttpMethod.Get, $"/v1/properties/{propertyId}/rooms?status=ASLEEP", session.AccessToken);
        await host.SendExpectingAsync(404, HttpMethod.Get, $"/v1/properties/{Guid.NewGuid()}/rooms", session.AccessToken);
    }
}
