using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Tartware.Identity.Tests.Infrastructure;
using Xunit;

namespace Tartware.Identity.Tests;

[Collection(IdentityHostCollection.Name)]
public sealed class LoginTests(IdentityHost host)
{
    [Fact]
    public async Task Owner_logs_in_and_sees_their_context()
    {
        var (tenant, username) = await host.NewTenantAsync();
        var login = await host.LoginOkAsync(username);

        login.GetProperty("tenantId").GetGuid().ShouldBe(tenant.TenantId);
        login.GetProperty("expiresIn").GetInt32().ShouldBe(900);
        login.GetProperty("tenants")[0].GetProperty("role").GetString().ShouldBe("OWNER");

        var context = await host.GetAsync("/v1/auth/context", login.GetProperty("accessToken").GetString()!);
        context.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await context.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("userId").GetGuid().ShouldBe(tenant.OwnerUserId);
        body.GetProperty("role").GetString().ShouldBe("OWNER");
        body.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain("*.own");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        var (_, username) = await host.NewTenantAsync();
        var wrong = await host.LoginAsync(username, "not the right password at all");
        var unknown = await host.LoginAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "not the right password at all");

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var a = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement;
        var b = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        a.GetProperty("code").GetString().ShouldBe("invalid-credentials");
        b.GetProperty("code").GetString().ShouldBe("invalid-credentials");
        a.GetProperty("detail").GetString().ShouldBe(b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_fields_are_a_400_problem()
    {
        var response = await host.Client.PostAsJsonAsync("/v1/auth/login", new { username = "someone" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("validation-failed");
    }

    [Fact]
    public async Task After_repeated_failures_even_the_right_password_is_refused_for_a_while()
    {
        var (_, username) = await host.NewTenantAsync();
        for (var i = 0; i < 4; i++)
        {
            (await host.LoginAsync(username, "wrong password number " + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // The fourth failure starts a progressive delay: the correct password is refused inside it.
        (await host.LoginAsync(username)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Requests_without_or_with_a_tampered_token_are_401_problems()
    {
        var (_, username) = await host.NewTenantAsync();
        var token = (await host.LoginOkAsync(username)).GetProperty("accessToken").GetString()!;

        var none = await host.Client.GetAsync("/v1/auth/context");
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        none.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var parts = token.Split('.');
        var forgedPayload = parts[1].Length > 10 ? parts[1][..^4] + (parts[1][^4..] == "AAAA" ? "BBBB" : "AAAA") : parts[1];
        (await host.GetAsync("/v1/auth/context", $"{parts[0]}.{forgedPayload}.{parts[2]}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.GetAsync("/v1/auth/context", $"{parts[0]}.{parts[1]}.")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unsignedHeader = Convert.ToBase64String("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        (await host.GetAsync("/v1/auth/context", $"{unsignedHeader}.{parts[1]}.")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Jwks_publishes_the_key_that_signed_the_token()
    {
        var (_, username) = await host.NewTenantAsync();
        var token = (await host.LoginOkAsync(username)).GetProperty("accessToken").GetString()!;
        var header = JsonDocument.Parse(Base64UrlDecode(token.Split('.')[0])).RootElement;
        var jwks = JsonDocument.Parse(await host.Client.GetStringAsync("/.well-known/jwks.json")).RootElement;

        header.GetProperty("alg").GetString().ShouldBe("ES256");
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        keys.ShouldContain(k => k.GetProperty("kid").GetString() == header.GetProperty("kid").GetString());
        foreach (var key in keys)
        {
            key.TryGetProperty("d", out var _).ShouldBeFalse(); // never the private part
        }
    }

    [Fact]
    public async Task A_user_of_two_tenants_must_pick_one_and_can_switch()
    {
        var (first, username) = await host.NewTenantAsync();
        var second = await AddMembershipInNewTenantAsync(first.OwnerUserId);

        var ambiguous = await host.LoginAsync(username);
        ambiguous.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ambiguous.Content.ReadAsStringAsync()).ShouldContain("tenant-selection-required");

        var login = await host.LoginOkAsync(username, first.TenantId);
        login.GetProperty("tenants").GetArrayLength().ShouldBe(2);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/switch-tenant") { Content = JsonContent.Create(new { tenantId = second }) };
        request.Headers.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        var switched = await host.Client.SendAsync(request);
        switched.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await switched.Content.ReadAsStringAsync()).RootElement.GetProperty("tenantId").GetGuid().ShouldBe(second);
    }

    [Fact]
    public async Task Switching_to_a_tenant_without_membership_is_forbidden()
    {
        var (_, username) = await host.NewTenantAsync();
        var (other, _) = await host.NewTenantAsync();
        var login = await host.LoginOkAsync(username);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/switch-tenant") { Content = JsonContent.Create(new { tenantId = other.TenantId }) };
        request.Headers.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        (await host.Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<Guid> AddMembershipInNewTenantAsync(Guid userId)
    {
        var (other, _) = await host.NewTenantAsync();
        await Testing.TenantSql.ExecuteAsTenantAsync(other.TenantId,
            "insert into identity.memberships (tenant_id, user_id, role) values ($1, $2, 'STAFF')", other.TenantId, userId);
        return other.TenantId;
    }

    private static byte[] Base64UrlDecode(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
