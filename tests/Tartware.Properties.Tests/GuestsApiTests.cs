using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class GuestsApiTests(PropertiesHost host)
{
    private static object Guest(string last, string? email = null, string? phone = null, string? document = null) => new
    {
        firstName = "Ana",
        lastName = last,
        email = email ?? $"{last.ToLowerInvariant()}@example.test",
        phone = phone ?? "+351 (21) 123-4567",
        address = new { line1 = "Rua A 1", city = "Porto", country = "pt" },
        nationality = "pt",
        documentType = "passport",
        documentNumber = document ?? "P" + Guid.NewGuid().ToString("N")[..7],
        dateOfBirth = "1985-04-12",
        vipLevel = "gold",
        preferences = new Dictionary<string, string> { ["pillow"] = "firm", ["floor"] = "high" },
        marketingConsent = true,
    };

    [Fact]
    public async Task Staff_create_a_guest_with_normalized_fields_and_read_it_back()
    {
        var session = await host.NewTenantSessionAsync();
        var staff = await host.UserTokenAsync(session, "STAFF");
        var created = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", staff, Guest("Silva", document: "ab 123456"));
        created.GetProperty("phone").GetString().ShouldBe("+351211234567");
        created.GetProperty("nationality").GetString().ShouldBe("PT");
        created.GetProperty("documentNumber").GetString().ShouldBe("AB 123456");
        created.GetProperty("vipLevel").GetString().ShouldBe("GOLD");
        created.GetProperty("dateOfBirth").GetString().ShouldBe("1985-04-12");
        created.GetProperty("preferences").GetProperty("pillow").GetString().ShouldBe("firm");
        var id = created.GetProperty("id").GetGuid();
        var read = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/guests/{id}", staff);
        read.GetProperty("address").GetProperty("country").GetString().ShouldBe("PT");
    }

    [Fact]
    public async Task Search_finds_guests_by_name_email_phone_or_document_with_keyset_pages()
    {
        var session = await host.NewTenantSessionAsync();
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", session.AccessToken, Guest("Costa", "ana.costa@example.test", "+44 20 7946 0000", "X1234567"));
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", session.AccessToken, Guest("Cortez"));
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", session.AccessToken, Guest("Pereira"));

        async Task<string[]> LastNames(string query) =>
            [.. (await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/guests?" + query, session.AccessToken))
                .GetProperty("items").EnumerateArray().Select(g => g.GetProperty("lastName").GetString()!)];

        (await LastNames("name=co")).ShouldBe(["Costa", "Cortez"], ignoreOrder: true);
        (await LastNames("name=ana%20cos")).ShouldBe(["Costa"]);
        (await LastNames("name=%25")).ShouldBeEmpty();
        (await LastNames("email=ANA.COSTA@example.test")).ShouldBe(["Costa"]);
        (await LastNames("phone=%2B44%2020-7946-0000")).ShouldBe(["Costa"]);
        (await LastNames("document=x1234567")).ShouldBe(["Costa"]);

        var first = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/guests?limit=2", session.AccessToken);
        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        var second = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/guests?limit=2&after={first.GetProperty("next").GetString()}", session.AccessToken);
        second.GetProperty("items").EnumerateArray().Single().GetProperty("lastName").GetString().ShouldBe("Pereira");
        await host.SendExpectingAsync(400, HttpMethod.Get, "/v1/guests?after=not-a-cursor", session.AccessToken);
    }

    [Fact]
    public async Task Every_invalid_guest_field_is_listed()
    {
        var session = await host.NewTenantSessionAsync();
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, "/v1/guests", session.AccessToken, new
        {
            firstName = "",
            email = "not-an-email",
            phone = "12",
            nationality = "ZZ",
            documentType = "LIBRARY_CARD",
            documentNumber = "!",
            dateOfBirth = "2999-01-01",
            vipLevel = "BRONZE",
            address = new { country = "Narnia" },
        });
        Api.ErrorFields(problem).ShouldBe(
            ["firstName", "lastName", "email", "phone", "nationality", "documentType", "documentNumber", "dateOfBirth", "vipLevel", "address.country"],
            ignoreOrder: true);
        await host.SendExpectingAsync(400, HttpMethod.Post, "/v1/guests", session.AccessToken, new { firstName = "A", lastName = "B", dateOfBirth = "12/04/1985" });
    }

    [Fact]
    public async Task Only_a_manager_blacklists_and_a_reason_is_required()
    {
        var session = await host.NewTenantSessionAsync();
        var staff = await host.UserTokenAsync(session, "STAFF");
        var manager = await host.UserTokenAsync(session, "MANAGER");
        var id = (await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", staff, Guest("Black"))).GetProperty("id").GetGuid();
        await host.SendExpectingAsync(403, HttpMethod.Patch, $"/v1/guests/{id}", staff, new { blacklisted = true, blacklistReason = "Damage" });
        await host.SendExpectingAsync(400, HttpMethod.Patch, $"/v1/guests/{id}", manager, new { blacklisted = true });
        var listed = await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/guests/{id}", manager, new { blacklisted = true, blacklistReason = "Damage" });
        listed.GetProperty("blacklisted").GetBoolean().ShouldBeTrue();
        var edited = await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/guests/{id}", staff, new { phone = "+1 555 0100", blacklisted = true });
        edited.GetProperty("blacklistReason").GetString().ShouldBe("Damage");
        await host.SendExpectingAsync(403, HttpMethod.Post, "/v1/guests", staff, new { firstName = "A", lastName = "B", blacklisted = true, blacklistReason = "x" });
    }

    [Fact]
    public async Task Patch_refuses_a_stale_version_and_viewers_cannot_write()
    {
        var session = await host.NewTenantSessionAsync();
        var viewer = await host.UserTokenAsync(session, "VIEWER");
        var id = (await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", session.AccessToken, Guest("Stale"))).GetProperty("id").GetGuid();
        await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/guests/{id}", session.AccessToken, new { vipLevel = "PLATINUM" }, Api.IfMatch("\"1\""));
        var stale = await host.SendExpectingAsync(409, HttpMethod.Patch, $"/v1/guests/{id}", session.AccessToken, new { vipLevel = "NONE" }, Api.IfMatch("\"1\""));
        stale.GetProperty("code").GetString().ShouldBe("version-mismatch");
        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/guests/{id}", viewer);
        await host.SendExpectingAsync(403, HttpMethod.Post, "/v1/guests", viewer, Guest("Nope"));
        await host.SendExpectingAsync(403, HttpMethod.Patch, $"/v1/guests/{id}", viewer, new { vipLevel = "NONE" });
        await host.SendExpectingAsync(404, HttpMethod.Patch, $"/v1/guests/{Guid.NewGuid()}", session.AccessToken, new { vipLevel = "NONE" });
    }
}
