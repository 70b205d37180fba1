using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class AmenityPolicyTests(PropertiesHost host)
{
    [Fact]
    public async Task A_tenant_policy_reaches_every_property_and_its_required_entries_stay_on()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        (await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/amenity-policy", session.AccessToken)).GetProperty("requiredCodes").GetArrayLength().ShouldBe(0);
        await host.SendExpectingAsync(200, HttpMethod.Put, "/v1/amenity-policy", session.AccessToken, new { maxCustomTags = 1, requiredCodes = new[] { "minibar" } });

        var view = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/amenities/policy", session.AccessToken);
        view.GetProperty("effective").GetProperty("maxCustomTags").GetInt32().ShouldBe(1);
        view.GetProperty("effective").GetProperty("maxCustomEntries").GetInt32().ShouldBe(PropertiesHost.MaxCustomAmenities);
        view.GetProperty("effective").GetProperty("requiredCodes").EnumerateArray().Single().GetString().ShouldBe("MINIBAR");

        var basePath = $"/v1/properties/{propertyId}/amenities";
        var required = await host.SendExpectingAsync(422, HttpMethod.Put, $"{basePath}/MINIBAR", session.AccessToken, new { status = "INACTIVE" });
        required.GetProperty("code").GetString().ShouldBe("amenity-required");
        var tags = await host.SendExpectingAsync(400, HttpMethod.Put, $"{basePath}/SPA", session.AccessToken,
            new { name = "Spa", category = "COMFORT", tags = new[] { "one", "two" } });
        Api.ErrorFields(tags).ShouldBe(["tags"]);
    }

    [Fact]
    public async Task A_property_policy_narrows_the_limits_and_protects_its_own_custom_entries()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var basePath = $"/v1/properties/{propertyId}/amenities";
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{basePath}/BUTLER", session.AccessToken, new { name = "Butler", category = "OTHER" });
        var view = await host.SendExpectingAsync(200, HttpMethod.Put, $"{basePath}/policy", session.AccessToken,
            new { maxCustomEntries = 1, requiredCodes = new[] { "BUTLER" } });
        view.GetProperty("property").GetProperty("maxCustomEntries").GetInt32().ShouldBe(1);
        view.GetProperty("tenant").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var limit = await host.SendExpectingAsync(422, HttpMethod.Put, $"{basePath}/VALET", session.AccessToken, new { name = "Valet", category = "OTHER" });
        limit.GetProperty("code").GetString().ShouldBe("amenity-limit-reached");
        var protectedEntry = await host.SendExpectingAsync(422, HttpMethod.Delete, $"{basePath}/BUTLER", session.AccessToken);
        protectedEntry.GetProperty("code").GetString().ShouldBe("amenity-required");
    }

    [Fact]
    public async Task Policies_are_validated()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var path = $"/v1/properties/{propertyId}/amenities/policy";
        var missing = await host.SendExpectingAsync(422, HttpMethod.Put, path, session.AccessToken, new { requiredCodes = new[] { "HELIPAD" } });
        missing.GetProperty("code").GetString().ShouldBe("amenity-required-missing");
        missing.GetProperty("codes").EnumerateArray().Single().GetString().ShouldBe("HELIPAD");
        var shape = await host.SendExpectingAsync(400, HttpMethod.Put, path, session.AccessToken,
            new { maxCustomEntries = 999, maxCustomTags = -1, requiredCodes = new[] { "no good!" } });
        Api.ErrorFields(shape).ShouldBe(["maxCustomEntries", "maxCustomTags", "requiredCodes[0]"], ignoreOrder: true);
        await host.SendExpectingAsync(400, HttpMethod.Put, "/v1/amenity-policy", session.AccessToken, new { maxCustomTags = 1000 });
        await host.SendExpectingAsync(404, HttpMethod.Get, $"/v1/properties/{Guid.NewGuid()}/amenities/policy", session.AccessToken);
    }

    [Fact]
    public async Task Only_admins_set_policies()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var staff = await host.UserTokenAsync(session, "STAFF");
        await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/amenity-policy", staff);
        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/amenities/policy", staff);
        await host.SendExpectingAsync(403, HttpMethod.Put, "/v1/amenity-policy", staff, new { maxCustomTags = 1 });
        await host.SendExpectingAsync(403, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/policy", staff, new { maxCustomTags = 1 });
    }
}
