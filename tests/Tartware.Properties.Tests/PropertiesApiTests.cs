using System.Net;
using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class PropertiesApiTests(PropertiesHost host)
{
    [Fact]
    public async Task Admin_creates_a_property_reads_it_back_and_lists_it()
    {
        var session = await host.NewTenantSessionAsync();
        var code = Api.NewCode();
        var created = await host.CreatePropertyAsync(session, code.ToLowerInvariant());
        created.GetProperty("code").GetString().ShouldBe(code);
        created.GetProperty("currency").GetString().ShouldBe("EUR");
        created.GetProperty("checkInTime").GetString().ShouldBe("15:00");
        created.GetProperty("address").GetProperty("country").GetString().ShouldBe("PT");
        var id = created.GetProperty("id").GetGuid();

        using var get = await host.SendAsync(HttpMethod.Get, $"/v1/properties/{id}", session.AccessToken);
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        get.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var list = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/properties", session.AccessToken);
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([id]);
    }

    [Fact]
    public async Task Creating_a_property_runs_the_setup_participants_inside_its_transaction()
    {
        var session = await host.NewTenantSessionAsync();
        var created = await host.CreatePropertyAsync(session);
        var id = created.GetProperty("id").GetGuid();
        host.Participant.Properties.ShouldContain(p => p.Id == id && p.TenantId == session.TenantId && p.Currency == "EUR");
    }

    [Fact]
    public async Task A_refusing_setup_participant_rolls_the_property_back()
    {
        var session = await host.NewTenantSessionAsync();
        var problem = await host.SendExpectingAsync(409, HttpMethod.Post, "/v1/properties", session.AccessToken, Api.PropertyBody(Api.NewCode("REFUSE")));
        problem.GetProperty("code").GetString().ShouldBe("test-refused");
        (await TenantSql.ScalarAsTenantAsync<long>(session.TenantId, "select count(*) from inventory.properties")).ShouldBe(0);
        (await TenantSql.ScalarAsTenantAsync<long>(session.TenantId, "select count(*) from inventory.amenity_catalog")).ShouldBe(0);
    }

    [Fact]
    public async Task Keyset_pagination_walks_every_property_once()
    {
        var session = await host.NewTenantSessionAsync();
        foreach (var code in new[] { "AA1", "BB2", "CC3" })
        {
            await host.CreatePropertyAsync(session, code);
        }

        var first = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/properties?limit=2", session.AccessToken);
        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        var next = first.GetProperty("next").GetString();
        next.ShouldBe("BB2");
        var second = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties?limit=2&after={next}", session.AccessToken);
        second.GetProperty("items").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe("CC3");
        second.GetProperty("next").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        await host.SendExpectingAsync(400, HttpMethod.Get, "/v1/properties?limit=0", session.AccessToken);
    }

    [Fact]
    public async Task A_duplicate_property_code_is_a_conflict()
    {
        var session = await host.NewTenantSessionAsync();
        await host.CreatePropertyAsync(session, "DUP1");
        var problem = await host.SendExpectingAsync(409, HttpMethod.Post, "/v1/properties", session.AccessToken, Api.PropertyBody("dup1"));
        problem.GetProperty("code").GetString().ShouldBe("property-code-taken");
    }

    [Fact]
    public async Task The_same_code_in_another_tenant_is_fine()
    {
        var a = await host.NewTenantSessionAsync();
        var b = await host.NewTenantSessionAsync();
        await host.CreatePropertyAsync(a, "SAME1");
        await host.CreatePropertyAsync(b, "SAME1");
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_in_one_problem()
    {
        var session = await host.NewTenantSessionAsync();
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, "/v1/properties", session.AccessToken, new
        {
            code = "x",
            name = new string('n', 201),
            timeZone = "Mars/Olympus",
            currency = "EUX",
            address = new { country = "XX" },
            checkInTime = "25:00",
            checkOutTime = "11h",
            status = "OPEN",
        });
        problem.GetProperty("code").GetString().ShouldBe("validation-failed");
        Api.ErrorFields(problem).ShouldBe(
            ["code", "name", "timeZone", "currency", "address.country", "checkInTime", "checkOutTime", "status"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    [InlineData("Europe/Nowhere")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Europe/../../etc/passwd")]
    public async Task Only_iana_time_zones_are_accepted(string timeZone)
    {
        var session = await host.NewTenantSessionAsync();
        var body = new { code = Api.NewCode(), name = "Hotel", timeZone, currency = "EUR" };
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, "/v1/properties", session.AccessToken, body);
        Api.ErrorFields(problem).ShouldContain("timeZone");
    }

    [Fact]
    public async Task Check_out_after_check_in_is_a_business_rule_violation()
    {
        var session = await host.NewTenantSessionAsync();
        var body = new { code = Api.NewCode(), name = "Hotel", timeZone = "UTC", currency = "usd", checkInTime = "10:00", checkOutTime = "12:00" };
        var problem = await host.SendExpectingAsync(422, HttpMethod.Post, "/v1/properties", session.AccessToken, body);
        problem.GetProperty("code").GetString().ShouldBe("check-times-invalid");
    }

    [Fact]
    public async Task Patch_with_the_current_etag_succeeds_and_a_stale_one_is_a_conflict()
    {
        var session = await host.NewTenantSessionAsync();
        var id = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var updated = await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/properties/{id}", session.AccessToken,
            new { name = "Renamed", status = "INACTIVE" }, Api.IfMatch("\"1\""));
        updated.GetProperty("name").GetString().ShouldBe("Renamed");
        updated.GetProperty("version").GetInt32().ShouldBe(2);
        updated.GetProperty("timeZone").GetString().ShouldBe("Europe/Lisbon");

        var stale = await host.SendExpectingAsync(409, HttpMethod.Patch, $"/v1/properties/{id}", session.AccessToken, new { name = "Again" }, Api.IfMatch("\"1\""));
        stale.GetProperty("code").GetString().ShouldBe("version-mismatch");
        await host.SendExpectingAsync(400, HttpMethod.Patch, $"/v1/properties/{id}", session.AccessToken, new { name = "Again" }, Api.IfMatch("nonsense"));
        await host.SendExpectingAsync(400, HttpMethod.Patch, $"/v1/properties/{id}", session.AccessToken, new { currency = "ABC" });
        await host.SendExpectingAsync(404, HttpMethod.Patch, $"/v1/properties/{Guid.NewGuid()}", session.AccessToken, new { name = "x" });
    }

    [Fact]
    public async Task The_currency_is_locked_once_room_types_exist()
    {
        var session = await host.NewTenantSessionAsync();
        var id = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/properties/{id}", session.AccessToken, new { currency = "GBP" });
        await host.CreateRoomTypeAsync(session, id);
        var problem = await host.SendExpectingAsync(422, HttpMethod.Patch, $"/v1/properties/{id}", session.AccessToken, new { currency = "USD" });
        problem.GetProperty("code").GetString().ShouldBe("currency-locked");
    }

    [Theory]
    [InlineData("STAFF")]
    [InlineData("MANAGER")]
    public async Task Below_admin_may_read_but_not_create_or_edit_properties(string role)
    {
        var session = await host.NewTenantSessionAsync();
        var id = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        var token = await host.UserTokenAsync(session, role);
        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{id}", token);
        await host.SendExpectingAsync(403, HttpMethod.Post, "/v1/properties", token, Api.PropertyBody(Api.NewCode()));
        await host.SendExpectingAsync(403, HttpMethod.Patch, $"/v1/properties/{id}", token, new { name = "x" });
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        await host.SendExpectingAsync(401, HttpMethod.Get, "/v1/properties", null);
    }
}
