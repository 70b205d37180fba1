using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

/// <summary>Passwords, secrets, tokens and credential headers, structured or in free text, never reach the output.</summary>
public sealed class CredentialRedactionTests
{
    [Fact]
    public void Password_is_redacted_by_key_in_pairs_json_and_connection_strings()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation(
            "Login {Password} {Form} {Body} {ConnectionString}",
            "hunter2",
            "user=bob&password=hunter2",
            """{"user":"bob","password":"hunter2"}""",
            "Host=db;Username=tartware;Password=hunter2;Database=pms"));

        line.ShouldNotLeak("hunter2");
        json.Property("Password").ShouldBe("[REDACTED:secret]");
        json.Property("Form").ShouldBe("user=bob&password=[REDACTED:secret]");
        json.Property("Body").ShouldBe("""{"user":"bob","password":"[REDACTED:secret]"}""");
        json.Property("ConnectionString").ShouldBe("Host=db;Username=tartware;Password=[REDACTED:secret];Database=pms");
    }

    [Fact]
    public void Tokens_jwts_and_bearer_credentials_are_redacted()
    {
        const string jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        var (line, json) = LogCapture.LogOne(l => l.LogInformation(
            "Auth {AccessToken} {Header} {Text} {Callback}",
            "opaque-token-777",
            "Bearer 8f14e45fceea167a5a36dedd4bea2543",
            $"received {jwt} from partner",
            "https://partner.example/cb?refresh_token=rt-123456&state=ok"));

        line.ShouldNotLeak("opaque-token-777", "8f14e45fceea167a5a36dedd4bea2543", jwt, "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "rt-123456");
        json.Property("Header").ShouldBe("Bearer [REDACTED:token]");
        json.Property("Callback").ShouldBe("https://partner.example/cb?refresh_token=[REDACTED:token]&state=ok");
    }

    [Fact]
    public void Client_secrets_and_api_keys_are_redacted()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation(
            "Channel manager {ClientSecret} {ApiKey} {Request}",
            "cs-0f9e8d7c",
            "ak-11223344",
            "grant_type=client_credentials&client_id=tartware&client_secret=cs-0f9e8d7c"));

        line.ShouldNotLeak("cs-0f9e8d7c", "ak-11223344");
        json.Property("Request").ShouldBe("grant_type=client_credentials&client_id=tartware&client_secret=[REDACTED:secret]");
    }

    [Fact]
    public void Authorization_and_cookie_headers_logged_as_structured_state_are_redacted()
    {
        var plain = new Dictionary<string, string>
        {
            ["Authorization"] = "Basic dXNlcjpwYXNzd29yZA==",
            ["Cookie"] = "session=sess-4242; theme=dark",
            ["Accept"] = "application/json",
        };
        var headers = new HeaderDictionary
        {
            ["Set-Cookie"] = "session=sess-4343; HttpOnly",
            ["Proxy-Authorization"] = "Bearer proxy-cred-99",
            ["User-Agent"] = "tests",
        };
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Inbound {Headers} {Response}", plain, headers));

        line.ShouldNotLeak("dXNlcjpwYXNzd29yZA", "sess-4242", "sess-4343", "proxy-cred-99");
        var logged = json.GetProperty("properties");
        logged.GetProperty("Headers").GetProperty("Authorization").GetString().ShouldBe("[REDACTED:token]");
        logged.GetProperty("Headers").GetProperty("Accept").GetString().ShouldBe("application/json");
        logged.GetProperty("Response").GetProperty("User-Agent").GetString().ShouldBe("tests");
    }

    [Fact]
    public void Credential_header_lines_in_free_text_are_redacted_to_the_end_of_the_line()
    {
        var (line, _) = LogCapture.LogOne(l => l.LogInformation("Raw request {Raw}", "GET / HTTP/1.1\r\nCookie: session=sess-77; other=xyz-55\r\nAccept: */*"));

        line.ShouldNotLeak("sess-77", "xyz-55");
        line.ShouldContain("Accept: */*");
    }

    [Fact]
    public void Secrets_in_query_strings_are_redacted_and_other_parameters_kept()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Called {Url}", "/x?access_token=abc123xyz&password=p4ssw0rd&page=2&pin=4321"));

        line.ShouldNotLeak("abc123xyz", "p4ssw0rd", "4321");
        json.Property("Url").ShouldBe("/x?access_token=[REDACTED:token]&password=[REDACTED:secret]&page=2&pin=[REDACTED:secret]");
    }
}
