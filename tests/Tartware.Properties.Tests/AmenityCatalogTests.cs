using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class AmenityCatalogTests(PropertiesHost host)
{
    [Fact]
    public async Task A_new_property_gets_the_canonical_catalog_with_default_and_required_markers()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var catalog = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/amenities", session.AccessToken);
        var items = catalog.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBeGreaterThanOrEqualTo(20);
        items.ShouldAllBe(i => i.GetProperty("source").GetString() == "CANONICAL");
        var wifi = items.Single(i => i.GetProperty("code").GetString() == "WIFI");
        wifi.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        wifi.GetProperty("icon").GetString().ShouldBe("wifi");
        wifi.GetProperty("tags").GetArrayLength().ShouldBeGreaterThan(0);
        items.Single(i => i.GetProperty("code").GetString() == "SMOKE_DETECTOR").GetProperty("isRequired").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Running_the_seed_again_changes_nothing_and_keeps_overrides_and_custom_entries()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var basePath = $"/v1/properties/{propertyId}/amenities";
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{basePath}/WIFI", session.AccessToken, new { name = "Wi-Fi 6 high speed", tags = new[] { "fast" } });
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{basePath}/ROOFTOP_ACCESS", session.AccessToken, new { name = "Rooftop access", category = "OTHER" });
        var countBefore = await CountAsync(session);
        var stampBefore = await TenantSql.ScalarAsTenantAsync<DateTime>(session.TenantId, "select max(updated_at) from inventory.amenity_catalog");

        for (var run = 0; run < 2; run++)
        {
            var result = await host.SendExpectingAsync(200, HttpMethod.Post, $"{basePath}/regenerate", session.AccessToken);
            result.GetProperty("changed").GetInt32().ShouldBe(0);
        }

        (await CountAsync(session)).ShouldBe(countBefore);
        (await TenantSql.ScalarAsTenantAsync<DateTime>(session.TenantId, "select max(updated_at) from inventory.amenity_catalog")).ShouldBe(stampBefore);
        var catalog = await host.SendExpectingAsync(200, HttpMethod.Get, basePath, session.AccessToken);
        var wifi = catalog.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "WIFI");
        wifi.GetProperty("name").GetString().ShouldBe("Wi-Fi 6 high speed");
        wifi.GetProperty("overridden").GetBoolean().ShouldBeTrue();
        catalog.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("code").GetString() == "ROOFTOP_ACCESS");
    }

    [Fact]
    public async Task The_seed_restores_a_canonical_entry_that_went_missing_and_refreshes_a_stale_one()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        await TenantSql.ScalarAsTenantAsync<int>(session.TenantId, "delete from inventory.amenity_catalog where code = 'BALCONY' returning 1");
        await TenantSql.ScalarAsTenantAsync<int>(session.TenantId, "update inventory.amenity_catalog set icon = 'old' where code = 'SEA_VIEW' returning 1");
        var result = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/properties/{propertyId}/amenities/regenerate", session.AccessToken);
        result.GetProperty("changed").GetInt32().ShouldBe(2);
        (await TenantSql.ScalarAsTenantAsync<string>(session.TenantId, "select icon from inventory.amenity_catalog where code = 'SEA_VIEW'")).ShouldBe("waves");
    }

    [Fact]
    public async Task Required_entries_cannot_be_switched_off_and_canonical_ones_cannot_be_deleted()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var basePath = $"/v1/properties/{propertyId}/amenities";
        var required = await host.SendExpectingAsync(422, HttpMethod.Put, $"{basePath}/SMOKE_DETECTOR", session.AccessToken, new { status = "INACTIVE" });
        required.GetProperty("code").GetString().ShouldBe("amenity-required");
        var canonical = await host.SendExpectingAsync(422, HttpMethod.Delete, $"{basePath}/MINIBAR", session.AccessToken);
        canonical.GetProperty("code").GetString().ShouldBe("amenity-canonical");
        await host.SendExpectingAsync(404, HttpMethod.Delete, $"{basePath}/NOT_THERE", session.AccessToken);
    }

    [Fact]
    public async Task Deleting_an_override_resets_the_canonical_values()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var path = $"/v1/properties/{propertyId}/amenities/MINIBAR";
        var overridden = await host.SendExpectingAsync(200, HttpMethod.Put, path, session.AccessToken, new { name = "Honesty bar", status = "INACTIVE" });
        overridden.GetProperty("status").GetString().ShouldBe("INACTIVE");
        await host.SendExpectingAsync(204, HttpMethod.Delete, path, session.AccessToken);
        var catalog = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{propertyId}/amenities", session.AccessToken);
        var minibar = catalog.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "MINIBAR");
        minibar.GetProperty("name").GetString().ShouldBe("Minibar");
        minibar.GetProperty("status").GetString().ShouldBe("ACTIVE");
        minibar.GetProperty("overridden").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("9LIVES", "Name", "OTHER", "code")]
    [InlineData("WIRELESS", "Wireless", "OTHER", "code")]
    [InlineData("GOOD_CODE", "<script>", "OTHER", "name")]
    [InlineData("GOOD_CODE", "Fine name", "SPACESHIP", "category")]
    [InlineData("GOOD_CODE", null, "OTHER", "name")]
    public async Task Custom_entries_follow_the_naming_guardrails(string code, string? name, string category, string badField)
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var problem = await host.SendExpectingAsync(400, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/{code}", session.AccessToken, new { name, category });
        Api.ErrorFields(problem).ShouldContain(badField);
    }

    [Fact]
    public async Task Custom_tags_are_limited_and_shaped()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var path = $"/v1/properties/{propertyId}/amenities/SPA_ACCESS";
        var tooMany = await host.SendExpectingAsync(400, HttpMethod.Put, path, session.AccessToken,
            new { name = "Spa access", category = "COMFORT", tags = new[] { "a", "b", "c", "d", "e", "f" } });
        Api.ErrorFields(tooMany).ShouldBe(["tags"]);
        var badTag = await host.SendExpectingAsync(400, HttpMethod.Put, path, session.AccessToken, new { name = "Spa access", category = "COMFORT", tags = new[] { "Not OK" } });
        Api.ErrorFields(badTag).ShouldBe(["tags[0]"]);
        var created = await host.SendExpectingAsync(200, HttpMethod.Put, path, session.AccessToken,
            new { name = "Spa access", category = "COMFORT", icon = "spa", tags = new[] { "Wellness", "spa" } });
        created.GetProperty("source").GetString().ShouldBe("CUSTOM");
        created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["wellness", "spa"]);
        // Canonical tags do not count against the custom-tag limit.
        await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/WIFI", session.AccessToken,
            new { tags = new[] { "internet", "wireless", "a", "b", "c", "d", "e" } });
    }

    [Fact]
    public async Task Viewers_read_the_catalog_but_only_admins_change_it()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var viewer = await host.UserTokenAsync(session, "VIEWER");
        var basePath = $"/v1/properties/{propertyId}/amenities";
        await host.SendExpectingAsync(200, HttpMethod.Get, basePath, viewer);
        await host.SendExpectingAsync(200, HttpMethod.Get, $"{basePath}/drift", viewer);
        await host.SendExpectingAsync(403, HttpMethod.Put, $"{basePath}/WIFI", viewer, new { name = "x y" });
        await host.SendExpectingAsync(403, HttpMethod.Delete, $"{basePath}/WIFI", viewer);
        await host.SendExpectingAsync(403, HttpMethod.Post, $"{basePath}/regenerate", viewer);
        await host.SendExpectingAsync(403, HttpMethod.Post, $"{basePath}/reconcile", viewer, new { });
        await host.SendExpectingAsync(403, HttpMethod.Post, $"{basePath}/clone", viewer, new { roomTypeIds = new[] { Guid.NewGuid() } });
    }

    private static async Task<long> CountAsync(TenantSession session) =>
        await TenantSql.ScalarAsTenantAsync<long>(session.TenantId, "select count(*) from inventory.amenity_catalog");
}
