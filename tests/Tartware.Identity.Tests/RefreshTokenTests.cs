using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Tartware.Identity.Tests.Infrastructure;
using Xunit;

namespace Tartware.Identity.Tests;

[Collection(IdentityHostCollection.Name)]
public sealed class RefreshTokenTests(IdentityHost host)
{
    [Fact]
    public async Task Refresh_rotates_and_reusing_an_old_token_revokes_the_whole_family()
    {
        var (_, username) = await host.NewTenantAsync();
        var first = (await host.LoginOkAsync(username)).GetProperty("refreshToken").GetString()!;

        var rotated = await RefreshAsync(first);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("refreshToken").GetString()!;
        second.ShouldNotBe(first);

        var reuse = await RefreshAsync(first);
        reuse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await reuse.Content.ReadAsStringAsync()).ShouldContain("refresh-token-reused");

        // The thief's use burned the family: the legitimate newest token is dead too.
        (await RefreshAsync(second)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_revokes_the_session()
    {
        var (_, username) = await host.NewTenantAsync();
        var token = (await host.LoginOkAsync(username)).GetProperty("refreshToken").GetString()!;
        (await host.Client.PostAsJsonAsync("/v1/auth/logout", new { refreshToken = token })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await RefreshAsync(token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00000000000000000000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Malformed_or_unknown_tokens_are_rejected_without_a_500(string token)
    {
        var response = await RefreshAsync(token);
        ((int)response.StatusCode).ShouldBeOneOf(400, 401);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_refresh_token_with_another_tenants_id_finds_nothing()
    {
        var (_, username) = await host.NewTenantAsync();
        var (other, _) = await host.NewTenantAsync();
        var token = (await host.LoginOkAsync(username)).GetProperty("refreshToken").GetString()!;
        var forged = other.TenantId.ToString("N") + token[32..];
        (await RefreshAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> RefreshAsync(string token) =>
        host.Client.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = token });
}
