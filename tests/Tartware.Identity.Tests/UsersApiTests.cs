using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Tartware.Identity.Tests.Infrastructure;
using Xunit;

namespace Tartware.Identity.Tests;

[Collection(IdentityHostCollection.Name)]
public sealed class UsersApiTests(IdentityHost host)
{
    [Fact]
    public async Task Owner_creates_a_front_desk_user_who_can_log_in_but_not_manage_users()
    {
        var (_, owner) = await host.NewTenantAsync();
        var ownerToken = await TokenAsync(owner);
        var username = "desk-" + Guid.NewGuid().ToString("N")[..8];

        var created = await SendAsync(HttpMethod.Post, "/v1/users", ownerToken,
            new { username, email = username + "@example.test", password = IdentityHost.Password, role = "STAFF" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var staffToken = await TokenAsync(username);
        var forbidden = await SendAsync(HttpMethod.Get, "/v1/users", staffToken);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Another_tenants_user_is_not_found()
    {
        var (_, ownerA) = await host.NewTenantAsync();
        var (tenantB, _) = await host.NewTenantAsync();
        var tokenA = await TokenAsync(ownerA);

        (await SendAsync(HttpMethod.Get, $"/v1/users/{tenantB.OwnerUserId}", tokenA)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Put, $"/v1/users/{tenantB.OwnerUserId}/membership", tokenA, new { role = "VIEWER" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Post, $"/v1/users/{tenantB.OwnerUserId}/reset-password", tokenA, new { }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await SendAsync(HttpMethod.Get, "/v1/users", tokenA);
        (await list.Content.ReadAsStringAsync()).ShouldNotContain(tenantB.OwnerUserId.ToString());
    }

    [Fact]
    public async Task Cross_tenant_matrix_every_user_endpoint_answers_404_for_another_tenants_ids()
    {
        var owner = await host.NewTenantSessionAsync();
        var intruder = await host.NewTenantSessionAsync();
        var id = owner.OwnerUserId;
        await Testing.CrossTenantMatrix.AssertWalledAsync(host, owner, intruder,
        [
            new(HttpMethod.Get, $"/v1/users/{id}"),
            new(HttpMethod.Patch, $"/v1/users/{id}", new { displayName = "Taken over" }),
            new(HttpMethod.Post, $"/v1/users/{id}/reset-password", new { }),
            new(HttpMethod.Put, $"/v1/users/{id}/membership", new { role = "VIEWER" }),
        ]);
        // Nothing the intruder sent changed the owner's account.
        (await host.LoginAsync(owner.Username)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deactivating_a_membership_takes_effect_on_the_next_request()
    {
        var (_, owner) = await host.NewTenantAsync();
        var ownerToken = await TokenAsync(owner);
        var username = "clerk-" + Guid.NewGuid().ToString("N")[..8];
        var created = JsonDocument.Parse(await (await SendAsync(HttpMethod.Post, "/v1/users", ownerToken,
            new { username, email = username + "@example.test", password = IdentityHost.Password, role = "STAFF" })).Content.ReadAsStringAsync());
        var userId = created.RootElement.GetProperty("user").GetProperty("id").GetGuid();
        var staffToken = await TokenAsync(username);
        (await SendAsync(HttpMethod.Get, "/v1/auth/context", staffToken)).StatusCode.ShouldBe(HttpStatusCode.OK); // now cached

        (await SendAsync(HttpMethod.Put, $"/v1/users/{userId}/membership", ownerToken, new { role = "STAFF", active = false }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await SendAsync(HttpMethod.Get, "/v1/auth/context", staffToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_last_owner_cannot_be_demoted()
    {
        var (tenant, owner) = await host.NewTenantAsync();
        var response = await SendAsync(HttpMethod.Put, $"/v1/users/{tenant.OwnerUserId}/membership", await TokenAsync(owner), new { role = "ADMIN" });
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("last-owner");
    }

    [Fact]
    public async Task Bad_input_lists_every_invalid_field()
    {
        var (_, owner) = await host.NewTenantAsync();
        var response = await SendAsync(HttpMethod.Post, "/v1/users", await TokenAsync(owner),
            new { username = "x", email = "nope", password = "short", role = "KING" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["username", "email", "role", "password"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_generated_password_is_returned_once_and_works()
    {
        var (_, owner) = await host.NewTenantAsync();
        var username = "gen-" + Guid.NewGuid().ToString("N")[..8];
        var created = await SendAsync(HttpMethod.Post, "/v1/users", await TokenAsync(owner), new { username, email = username + "@example.test", role = "VIEWER" });
        var password = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("generatedPassword").GetString()!;
        (await host.LoginAsync(username, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<string> TokenAsync(string username) => (await host.LoginOkAsync(username)).GetProperty("accessToken").GetString()!;

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return host.Client.SendAsync(request);
    }
}
