using System.Net;
using System.Text.Json;
using Shouldly;
using Tartware.Identity.Security;
using Tartware.Identity.Tests.Infrastructure;
using Xunit;

namespace Tartware.Identity.Tests;

[Collection(IdentityHostCollection.Name)]
public sealed class MfaTests(IdentityHost host)
{
    private static string Code(byte[] secret, int offset) =>
        Totp.Compute(secret, Totp.TimeStepAt(DateTimeOffset.UtcNow) + offset);

    [Fact]
    public async Task Enrolled_user_needs_a_code_at_login_and_a_code_works_only_once()
    {
        var session = await host.NewTenantSessionAsync();
        var secret = await EnrollAsync(session.AccessToken);
        // One step back is inside RFC 6238's drift window; later steps stay free for login and disable.
        var verified = await host.SendExpectingAsync(200, HttpMethod.Post, "/v1/auth/mfa/verify", session.AccessToken, new { code = Code(secret, -1) });
        verified.GetProperty("mfaEnabled").GetBoolean().ShouldBeTrue();

        var withoutCode = await host.LoginAsync(session.Username);
        withoutCode.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CodeOfAsync(withoutCode)).ShouldBe("mfa-required");

        var code = Code(secret, 0);
        (await host.LoginAsync(session.Username, totpCode: code)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var replay = await host.LoginAsync(session.Username, totpCode: code);
        replay.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CodeOfAsync(replay)).ShouldBe("invalid-credentials");

        var context = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/auth/context", session.AccessToken);
        context.GetProperty("mfaEnabled").GetBoolean().ShouldBeTrue();

        await host.SendExpectingAsync(200, HttpMethod.Post, "/v1/auth/mfa/disable", session.AccessToken, new { code = Code(secret, 1) });
        (await host.LoginAsync(session.Username)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_codes_are_422_and_count_as_failed_logins_until_429()
    {
        var session = await host.NewTenantSessionAsync();
        await EnrollAsync(session.AccessToken);
        var wrong = await host.SendAsync(HttpMethod.Post, "/v1/auth/mfa/verify", session.AccessToken, new { code = "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await CodeOfAsync(wrong)).ShouldBe("invalid-totp-code");

        HttpResponseMessage last = wrong;
        for (var i = 0; i < 5 && last.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await host.SendAsync(HttpMethod.Post, "/v1/auth/mfa/verify", session.AccessToken, new { code = "000000" });
        }

        last.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.ShouldNotBeNull();
        (await CodeOfAsync(last)).ShouldBe("rate-limited");
    }

    [Fact]
    public async Task Enrollment_state_conflicts_and_missing_codes_are_problems()
    {
        var session = await host.NewTenantSessionAsync();
        var notEnrolling = await host.SendAsync(HttpMethod.Post, "/v1/auth/mfa/verify", session.AccessToken, new { code = "123456" });
        notEnrolling.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeOfAsync(notEnrolling)).ShouldBe("mfa-not-enrolling");

        var notEnabled = await host.SendAsync(HttpMethod.Post, "/v1/auth/mfa/disable", session.AccessToken, new { code = "123456" });
        notEnabled.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeOfAsync(notEnabled)).ShouldBe("mfa-not-enabled");

        var missing = await host.SendAsync(HttpMethod.Post, "/v1/auth/mfa/verify", session.AccessToken, new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var secret = await EnrollAsync(session.AccessToken);
        await host.SendExpectingAsync(200, HttpMethod.Post, "/v1/auth/mfa/verify", session.AccessToken, new { code = Code(secret, 0) });
        var again = await host.SendAsync(HttpMethod.Post, "/v1/auth/mfa/enroll", session.AccessToken);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeOfAsync(again)).ShouldBe("mfa-already-enabled");

        (await host.SendAsync(HttpMethod.Post, "/v1/auth/mfa/enroll", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<byte[]> EnrollAsync(string token)
    {
        var enrollment = await host.SendExpectingAsync(200, HttpMethod.Post, "/v1/auth/mfa/enroll", token);
        var secret = enrollment.GetProperty("secret").GetString()!;
        enrollment.GetProperty("otpauthUri").GetString()!.ShouldStartWith("otpauth://totp/");
        return Base32.Decode(secret);
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
}
