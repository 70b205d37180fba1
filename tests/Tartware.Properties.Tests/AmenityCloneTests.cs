using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class AmenityCloneTests(PropertiesHost host)
{
    [Theory]
    [InlineData("wi-fi", "WIFI")]
    [InlineData("  Wireless  ", "WIFI")]
    [InlineData("WIFI", "WIFI")]
    [InlineData("Smart-TV", "SMART_TV")]
    [InlineData("air conditioning", "CLIMATE_CONTROL")]
    [InlineData("A/C", "CLIMATE_CONTROL")]
    [InlineData("hair-dryer", "HAIR_DRYER")]
    [InlineData("Mini Bar", "MINIBAR")]
    [InlineData("cot", "CRIB_AVAILABLE")]
    [InlineData("helipad", null)]
    [InlineData("---", null)]
    [InlineData("wifi; drop table", null)]
    public async Task Normalize_maps_spellings_or_rejects_them(string input, string? expected)
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var report = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/properties/{propertyId}/amenities/normalize", session.AccessToken,
            new { codes = new[] { input } });
        if (expected is null)
        {
            report.GetProperty("rejected").EnumerateArray().Single().GetString().ShouldBe(input);
        }
        else
        {
            report.GetProperty("mapped").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Normalize_needs_codes()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/properties/{propertyId}/amenities/normalize", session.AccessToken, new { codes = Array.Empty<string>() });
    }

    [Fact]
    public async Task Clone_copies_the_defaults_into_every_room_type_once_with_metadata()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var a = (await host.CreateRoomTypeAsync(session, propertyId, amenities: [])).GetProperty("id").GetGuid();
        var b = (await host.CreateRoomTypeAsync(session, propertyId, amenities: ["WIFI"])).GetProperty("id").GetGuid();
        var path = $"/v1/properties/{propertyId}/amenities/clone";
        var result = await host.SendExpectingAsync(200, HttpMethod.Post, path, session.AccessToken,
            new { roomTypeIds = new[] { a, b }, metadata = new Dictionary<string, string> { ["campaign"] = "2027-refresh" } });
        var defaults = result.GetProperty("codes").GetArrayLength();
        defaults.ShouldBeGreaterThan(3);
        result.GetProperty("added").GetInt32().ShouldBe((2 * defaults) - 1);
        result.GetProperty("alreadyPresent").GetInt32().ShouldBe(1);
        (await TenantSql.ScalarAsTenantAsync<string>(session.TenantId,
            "select metadata->'metadata'->>'campaign' from inventory.room_type_amenities where room_type_id = $1 and code = 'HAIR_DRYER'", a))
            .ShouldBe("2027-refresh");

        var touched = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/room-types/{a}", session.AccessToken);
        touched.GetProperty("version").GetInt32().ShouldBe(2); // the ETag moves with the amenities
        touched.GetProperty("amenities").GetArrayLength().ShouldBe(defaults);

        var again = await host.SendExpectingAsync(200, HttpMethod.Post, path, session.AccessToken, new { roomTypeIds = new[] { a, b } });
        again.GetProperty("added").GetInt32().ShouldBe(0);
        var picked = await host.SendExpectingAsync(200, HttpMethod.Post, path, session.AccessToken, new { roomTypeIds = new[] { a }, codes = new[] { "sea view" } });
        picked.GetProperty("codes").EnumerateArray().Single().GetString().ShouldBe("SEA_VIEW");
    }

    [Fact]
    public async Task Clone_refuses_foreign_room_types_and_unknown_codes()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var roomTypeId = (await host.CreateRoomTypeAsync(session, propertyId)).GetProperty("id").GetGuid();
        var path = $"/v1/properties/{propertyId}/amenities/clone";
        var unknown = await host.SendExpectingAsync(422, HttpMethod.Post, path, session.AccessToken, new { roomTypeIds = new[] { Guid.NewGuid() } });
        unknown.GetProperty("code").GetString().ShouldBe("unknown-room-type");
        await host.SendExpectingAsync(400, HttpMethod.Post, path, session.AccessToken, new { roomTypeIds = new[] { roomTypeId }, codes = new[] { "helipad" } });
        await host.SendExpectingAsync(400, HttpMethod.Post, path, session.AccessToken, new { roomTypeIds = Array.Empty<Guid>() });
    }
}
